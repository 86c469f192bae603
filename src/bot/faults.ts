export { isStorageFault } from '../app';
