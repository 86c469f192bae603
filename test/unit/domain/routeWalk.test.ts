import { ALL_VERBS, STEPS, routeSteps } from '../../../src/domain';
import { EVERY_STATE, ROUTE_PATHS, SAMPLE_INPUT, pathTo } from '../../support/routeWalk';
import { walk } from './fixtures';

describe('de gedeelde route-walk (test/support/routeWalk.ts)', () => {
  it.each(['zorgkantoor', 'bijstellen'] as const)('route %s: een pad naar elke toestand van de route, en alleen daarheen', (route) => {
    const expected = ['nieuw', ...routeSteps(route).map((s) => s.id)].sort();
    expect(Object.keys(ROUTE_PATHS[route]).sort()).toEqual(expected);
  });

  it.each(EVERY_STATE.filter(([r]) => r !== null).map(([route, state]) => [`${route}/${state}`, route, state] as const))(
    '%s: het pad komt uit in die toestand',
    (_name, route, state) => {
      if (!route) throw new Error('geen route');
      const c = walk(pathTo(route, state));
      expect(c.state).toBe(state);
      if (state !== 'nieuw') expect(c.route).toBe(route);
    },
  );

  it('heeft een voorbeeldinvoer voor elk werkwoord, en geen voor een werkwoord dat niet bestaat', () => {
    expect(Object.keys(SAMPLE_INPUT).sort()).toEqual([...ALL_VERBS].sort());
  });

  it('EVERY_STATE volgt de registry: nieuw zonder route, de eindtoestanden bij beide routes', () => {
    expect(EVERY_STATE[0]).toEqual([null, 'nieuw']);
    expect(EVERY_STATE.filter(([, s]) => s === 'afgesloten').map(([r]) => r)).toEqual(['zorgkantoor', 'bijstellen']);
    expect(new Set(EVERY_STATE.map(([, s]) => s))).toEqual(new Set(STEPS.map((s) => s.id)));
  });

  it('een toestand die niet bij de route hoort heeft geen pad', () => {
    expect(() => pathTo('bijstellen', 'cirkel1')).toThrow('Geen pad naar cirkel1 in route bijstellen');
  });
});
