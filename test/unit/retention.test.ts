import { monthsBefore } from '../../src/app';

describe('bewaartermijn in kalendermaanden', () => {
  it('telt hele maanden terug en valt aan het eind van een kortere maand op de laatste dag', () => {
    expect(monthsBefore(new Date('2026-12-02T08:00:00Z'), 24).toISOString()).toBe('2024-12-02T08:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2028-03-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 60).toISOString()).toBe('2021-01-15T00:00:00.000Z');
  });
});
