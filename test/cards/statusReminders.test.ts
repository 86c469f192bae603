import { statusCard } from '../../src/cards';
import { caseReminders } from '../../src/domain';
import { cardText } from '../support/playgroundClient';
import { NOW, bigCalendar, everyState } from './budget.fixtures';

/** A transition hands the card the reminders it writes to the index; the card is then the one it would compute itself. */
describe('statuskaart: Volgende herinnering', () => {
  const tables = bigCalendar();
  const cases = everyState(tables);

  it('met de herinneringen van de overgang is de kaart dezelfde als zonder, in elke stap van beide routes', () => {
    const view = { tables, now: NOW, waiting: null };
    const differ = cases.filter(([, c]) => {
      const upcoming = caseReminders(c, view).filter((r) => r.at.getTime() > NOW.getTime());
      return JSON.stringify(statusCard(c, { ...view, reminders: upcoming })) !== JSON.stringify(statusCard(c, view));
    });
    expect(differ.map(([name]) => name)).toEqual([]);
    const announced = cases.filter(([, c]) => cardText(statusCard(c, view)).includes('Volgende herinnering'));
    expect(announced.length).toBeGreaterThan(0);
  });

  it('toont wat de overgang meegeeft: zonder komende herinneringen staat er geen', () => {
    const announced = cases.filter(([, c]) =>
      cardText(statusCard(c, { tables, now: NOW, waiting: null })).includes('Volgende herinnering'),
    );
    for (const [name, c] of announced) {
      expect([name, cardText(statusCard(c, { tables, now: NOW, waiting: null, reminders: [] })).includes('Volgende herinnering')]).toEqual([
        name,
        false,
      ]);
    }
  });
});
