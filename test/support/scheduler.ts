import { CalendarService, type Clock, type Logger } from '../../src/app';
import { CardChannelViews } from '../../src/cards';
import { DEFAULT_TABLES } from '../../src/domain';
import { JobLeases, ReminderScheduler } from '../../src/scheduler';
import {
  TableCalendarStore,
  TableCaseRepository,
  TableLeaseStore,
  TableOutboxStore,
  TableReminderIndex,
  TableTeamSettingsStore,
  type Tables,
} from '../../src/storage';

/**
 * A reminder scheduler on `tables` with its own stores (no shared caches), as another bot instance
 * against the same storage would have: for the tests and the reminder bench.
 */
export const tableScheduler = (
  tables: Tables,
  clock: Clock,
  log: Logger,
  owner: string,
  kick: (tenantId: string) => void = () => undefined,
): ReminderScheduler =>
  new ReminderScheduler({
    index: new TableReminderIndex(tables.cases),
    repo: new TableCaseRepository(tables.cases),
    settings: new TableTeamSettingsStore(tables.cases),
    calendar: new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES),
    views: new CardChannelViews(),
    tenants: () => new TableOutboxStore(tables.cases).tenants(),
    leases: new JobLeases(new TableLeaseStore(tables.leases), clock, log, owner),
    clock,
    log,
    kick,
  });
