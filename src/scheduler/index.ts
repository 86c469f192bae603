export { OutboxDispatcher, type DispatcherOptions } from './dispatcher';
