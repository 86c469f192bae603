import { DEFAULT_TABLES, applyAction, availableActions } from '../../../src/domain';
import { BEGELEIDER, NOW, freshCase, hash } from './fixtures';

const atSignal = () => {
  const r = applyAction(freshCase(), { verb: 'route.kiezen', input: { route: 'bijstellen' } }, BEGELEIDER, {
    now: NOW,
    hash,
    tables: DEFAULT_TABLES,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.case;
};

const signal = (gebiedsteam: string | undefined, gebiedsteams: readonly string[]) =>
  applyAction(
    atSignal(),
    { verb: 'signaal.vastleggen', input: { datum: '2023-09-14', actielijn: 'wonen', ...(gebiedsteam ? { gebiedsteam } : {}) } },
    BEGELEIDER,
    {
      now: NOW,
      hash,
      tables: DEFAULT_TABLES,
      gebiedsteams,
    },
  );

describe('gebiedsteam bij het signaal (Siem)', () => {
  it('biedt de gebiedsteams van het team aan, en laat het veld weg als er geen zijn ingesteld', () => {
    const c = atSignal();
    const fieldsWith = availableActions(c, { gebiedsteams: ['Noord', 'Zuid'] }).find((a) => a.verb === 'signaal.vastleggen')?.fields ?? [];
    expect(fieldsWith.find((f) => f.name === 'gebiedsteam')?.options?.map((o) => o.value)).toEqual(['Noord', 'Zuid']);
    const fieldsWithout = availableActions(c).find((a) => a.verb === 'signaal.vastleggen')?.fields ?? [];
    expect(fieldsWithout.some((f) => f.name === 'gebiedsteam')).toBe(false);
  });

  it('slaat een gekozen gebiedsteam op en weigert er een dat niet bij het team hoort', () => {
    const ok = signal('Noord', ['Noord', 'Zuid']);
    expect(ok.ok && ok.value.case.steps.stap1_signaal?.gebiedsteam).toBe('Noord');
    const forged = signal('Elders', ['Noord']);
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.error.fieldErrors?.gebiedsteam).toBe('Kies een gebiedsteam uit de lijst.');
    expect(signal(undefined, []).ok).toBe(true);
  });
});
