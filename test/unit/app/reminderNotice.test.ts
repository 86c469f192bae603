import { type TeamSettings, emptySettings, reminderHolders, reminderNotice } from '../../../src/app';
import type { Reminder } from '../../../src/domain';
import { freshCase } from '../domain/fixtures';

const settings: TeamSettings = {
  ...emptySettings('t1', 'team', 'https://smba.example', new Date(0)),
  roleHolders: { teamleider: [{ id: 'tl-noord', name: 'Tess Noord' }], sleutelfiguur: [{ id: 'sf', name: 'Sanne' }] },
  gebiedsteams: [{ name: 'Zuid', teamleider: { id: 'tl-zuid', name: 'Pieter Zuid' } }],
};
const reminder = (role: Reminder['role']): Reminder => ({
  key: 'k',
  kind: 'followup',
  at: new Date(0),
  role,
  label: 'x',
  message: 'Vandaag…',
});

describe('wie een herinnering noemt (gedeeld met de escalatie)', () => {
  it('bij een begeleiderstap de collega die de casus opende, met haar Teams-id', () => {
    const c = { ...freshCase(), ownerName: 'Anouk de Vries', ownerMri: '29:anouk' };
    expect(reminderHolders(c, 'begeleider', settings)).toEqual([{ id: '29:anouk', name: 'Anouk de Vries' }]);
    expect(reminderHolders({ ...c, ownerName: null }, 'begeleider', settings)).toEqual([]);
  });

  it('de teamleider van het gebiedsteam van de cliënt, zoals de escalatie; anders de rolhouders', () => {
    const zuid = { ...freshCase(), steps: { stap1_signaal: { gebiedsteam: 'Zuid' } } };
    expect(reminderHolders(zuid, 'teamleider', settings).map((m) => m.id)).toEqual(['tl-zuid']);
    expect(reminderHolders(freshCase(), 'teamleider', settings).map((m) => m.id)).toEqual(['tl-noord']);
    expect(reminderHolders(freshCase(), 'sleutelfiguur', null)).toEqual([]);
  });

  it('de melding zelf: titel met het casusnummer, de tekst van de herinnering, geen uiterste datum', () => {
    const n = reminderNotice(freshCase(), reminder('sleutelfiguur'), settings);
    expect(n).toMatchObject({
      kind: 'reminder',
      title: 'Herinnering casus CAS-2023-0007',
      message: 'Vandaag…',
      due: null,
      role: 'sleutelfiguur',
    });
    expect(n.holders.map((m) => m.id)).toEqual(['sf']);
  });
});
