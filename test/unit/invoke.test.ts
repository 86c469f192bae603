import { caseRef, invokeSchema, readCaseRef, readInvoke } from '../../src/bot/invoke';

const data = { caseId: 'CAS-2026-0001', version: 3, actie: 'route.kiezen', 'route.kiezen.route': 'bijstellen' };
const action = { type: 'Action.Execute', verb: 'formulier.openen', data, title: 'Route kiezen' };

/** Card actions as Teams sends them and forged ones: wrong types, limits, missing parts, odd objects. */
const INVOKES: unknown[] = [
  { action },
  { action, trigger: 'automatic' },
  { action: { ...action, data: undefined } },
  { action: { ...action, data: {} } },
  { action: { ...action, data: null } },
  { action: { ...action, data: ['x'] } },
  { action: { ...action, data: 'x' } },
  { action: { ...action, data: JSON.parse('{"__proto__": {"x": 1}, "caseId": "CAS-2026-0001"}') as unknown } },
  { action: { ...action, data: Object.assign(Object.create(null) as object, { caseId: 'CAS-2026-0001' }) } },
  { action: { ...action, data: new Date(0) } },
  { action: { ...action, type: 'Action.Submit' } },
  { action: { ...action, verb: '' } },
  { action: { ...action, verb: 'v'.repeat(64) } },
  { action: { ...action, verb: 'v'.repeat(65) } },
  { action: { ...action, verb: 7 } },
  { action: null },
  { action: 'x' },
  {},
  null,
  undefined,
  'x',
  [action],
  Object.assign(Object.create(null) as object, { action }),
];

const REFS: Record<string, unknown>[] = [
  data,
  { caseId: 'CAS-2026-0001', version: '3' },
  { caseId: 'CAS-2026-0001', version: 3.5 },
  { caseId: 'CAS-2026-0001', version: 0 },
  { caseId: 'CAS-2026-0001', version: 1_000_000 },
  { caseId: 'CAS-2026-0001', version: 1_000_001 },
  { caseId: 'CAS-2026-0001', version: -0 },
  { caseId: 'CAS-2026-0001', version: true },
  { caseId: 'CAS-2026-0001', version: null },
  { caseId: 'CAS-2026-0001', version: [4] },
  { caseId: 'CAS-2026-0001' },
  { caseId: 'x'.repeat(20), version: 1 },
  { caseId: 'x'.repeat(21), version: 1 },
  { caseId: 5, version: 1 },
  { version: 1 },
  {},
];

describe('de invoke van een kaartactie', () => {
  it('leest wat een kaart stuurt precies zoals het schema', () => {
    for (const value of INVOKES) {
      const schema = invokeSchema.safeParse(value);
      const read = readInvoke(value);
      expect([value, read.success, read.success ? read.data : null]).toEqual([value, schema.success, schema.success ? schema.data : null]);
    }
  });

  it('leest de casus en de versie precies zoals het schema', () => {
    for (const value of REFS) {
      const schema = caseRef.safeParse(value);
      const read = readCaseRef(value);
      expect([value, read.success, read.success ? read.data : null]).toEqual([value, schema.success, schema.success ? schema.data : null]);
    }
  });

  it('de gegevens van de kaart zijn een kopie: wat erna gebeurt verandert de activiteit niet', () => {
    const value = { action: { ...action, data: { ...data } } };
    const read = readInvoke(value);
    if (!read.success) throw new Error('niet gelezen');
    read.data.action.data.caseId = 'CAS-2026-0002';
    expect(value.action.data.caseId).toBe('CAS-2026-0001');
  });
});
