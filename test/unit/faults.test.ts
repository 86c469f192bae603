import { isStorageFault } from '../../src/bot/faults';

describe('foutmelding bij een mislukte kaartactie', () => {
  const named = (name: string, message: string, code?: string) => Object.assign(new Error(message), { name }, code ? { code } : {});

  it('noemt de opslag alleen als de opslag of het netwerk faalde', () => {
    expect(isStorageFault(named('RestError', 'connect ECONNREFUSED 127.0.0.1:10002', 'ECONNREFUSED'))).toBe(true);
    expect(isStorageFault(named('AbortError', 'The operation was aborted'))).toBe(true);
    expect(isStorageFault(new Error('socket hang up'))).toBe(true);
    expect(isStorageFault(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isStorageFault('geen error')).toBe(false);
  });
});
