/** Time-ordered unique ids (sortable as strings) for outbox rows. */
export const timeOrderedIds = (clock: { now(): Date }) => {
  let last = 0;
  let seq = 0;
  return {
    next(): string {
      const t = clock.now().getTime();
      seq = t === last ? seq + 1 : 0;
      last = t;
      const rand = Math.floor(Math.random() * 36 ** 6)
        .toString(36)
        .padStart(6, '0');
      return `${t.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${rand}`;
    },
  };
};

export const systemClock = { now: (): Date => new Date() };
