export { applyAction } from '../../../src/domain';
export { canonicalJson as canonicalJsonForTest } from '../../../src/domain/canonicalJson';
