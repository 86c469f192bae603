/** Storage SDK and network faults, so users are only told "opslag niet bereikbaar" when that is so. */
export const isStorageFault = (e: unknown): boolean =>
  e instanceof Error &&
  (e.name === 'RestError' ||
    e.name === 'AbortError' ||
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|timed? ?out/i.test(`${e.message} ${(e as { code?: string }).code ?? ''}`));
