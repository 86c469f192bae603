import { metrics } from '@opentelemetry/api';
import type { Metrics } from '../app';

/** The Metrics port on the OpenTelemetry metrics API (exported by Azure Monitor when telemetry runs). */
export const otelMetrics = (): Metrics => {
  const meter = metrics.getMeter('escaleer');
  const transitions = meter.createCounter('escaleer.case.transitions', {
    description: 'Acties die een casus verder brachten (opgeslagen)',
  });
  const notices = meter.createCounter('escaleer.notices.sent', { description: 'Berichten en kaartupdates die Teams bereikten' });
  const dead = meter.createCounter('escaleer.outbox.dead_letters', {
    description: 'Berichten die definitief niet afgeleverd konden worden',
  });
  const ticks = meter.createCounter('escaleer.reminders.ticks', { description: 'Tikken van de herinneringsplanner' });
  const reminders = meter.createCounter('escaleer.reminders.sent', { description: 'Herinneringen die een tik in de outbox zette' });
  return {
    transition: (route, action) => transitions.add(1, { route, action }),
    noticeSent: (kind) => notices.add(1, { kind }),
    deadLetter: (reason) => dead.add(1, { reason }),
    reminderTick: (outcome, sent) => {
      ticks.add(1, { outcome });
      if (sent > 0) reminders.add(sent);
    },
  };
};
