import { isOpen } from '../../../src/domain';
import { BEGELEIDER, TEAMLEIDER, TO_VOORWAARDEN, actor, freshCase, refusal, step, walk } from './fixtures';

const OWNER = { ...actor(), userId: 'u-owner' };
const REDEN = { reden: 'Per ongeluk geopend; zie dossier.' };

describe('casus intrekken', () => {
  it('wie de casus opende trekt hem in, ook voordat de route gekozen is; daarna is hij dicht', () => {
    const c = step(freshCase(), 'casus.intrekken', REDEN, OWNER);
    expect(c.state).toBe('ingetrokken');
    expect(isOpen(c)).toBe(false);
    expect(c.steps.ingetrokken?.reden).toBe(REDEN.reden);
    expect(refusal(c, 'route.kiezen', { route: 'zorgkantoor' }, OWNER)).toMatchObject({
      code: 'closed',
      message: 'Deze casus is ingetrokken.',
    });
  });

  it('een teamleider trekt een casus in een latere stap in; een ander teamlid mag dat niet', () => {
    const c = walk(TO_VOORWAARDEN);
    expect(refusal(c, 'casus.intrekken', REDEN, BEGELEIDER)).toMatchObject({ code: 'wrong_role' });
    expect(step(c, 'casus.intrekken', REDEN, TEAMLEIDER).state).toBe('ingetrokken');
  });

  it('vraagt een reden, en weigert een BSN erin', () => {
    expect(refusal(freshCase(), 'casus.intrekken', {}, OWNER)).toMatchObject({
      code: 'invalid_input',
      fieldErrors: { reden: expect.any(String) },
    });
    expect(refusal(freshCase(), 'casus.intrekken', { reden: 'BSN 111222333' }, OWNER)).toMatchObject({ code: 'privacy' });
  });
});
