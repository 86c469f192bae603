import { createHash } from 'node:crypto';
import {
  type CalendarService,
  type CaseRepository,
  type Clock,
  type Logger,
  type Metrics,
  type NoticeViews,
  type OutboxMessage,
  type ReminderIndex,
  type TeamSettingsStore,
  isStorageFault,
  reminderNotice,
} from '../app';
import { type CaseId, caseReminders, isOfficeHours } from '../domain';
import { type JobLeases, tickSlot } from './lease';

export interface ReminderSchedulerDeps {
  readonly index: ReminderIndex;
  readonly repo: CaseRepository;
  readonly settings: TeamSettingsStore;
  readonly calendar: CalendarService;
  readonly views: NoticeViews;
  readonly tenants: () => Promise<readonly string[]>;
  readonly leases: JobLeases;
  readonly clock: Clock;
  readonly log: Logger;
  /** Wakes the outbox dispatcher for a tenant. */
  readonly kick: (tenantId: string) => void;
  /** Counts ticks (ran or skipped) and the reminders they sent. */
  readonly metrics?: Metrics;
}

export interface TickResult {
  /** `false` outside office hours or when another instance runs this tick. */
  readonly ran: boolean;
  readonly sent: number;
  /** Rows no longer valid for their case (state moved on, case closed) that were removed. */
  readonly dropped: number;
  /** Rows another instance fired first. */
  readonly lost: number;
}

/** Reminder outbox ids derive from the reminder key, so a reminder can be created in the outbox once only. */
const reminderOutboxId = (tenantId: string, key: string): string =>
  `rem-${createHash('sha256').update(`${tenantId}\n${key}`).digest('hex').slice(0, 32)}`;

/**
 * Sends due reminders to the case threads, on working days within office hours (Europe/Amsterdam).
 * Finds them through the date-keyed index (never a scan of all cases); one instance runs each
 * tick (job lease); each reminder moves from the index to the outbox in one transaction.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: ReminderSchedulerDeps,
    private readonly everyMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.tick()
          .catch((e: unknown) => this.deps.log.warn('herinneringen uitgesteld', { error: e instanceof Error ? e.message : String(e) }))
          .finally(() => (this.running = null));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: every tenant's due reminders up to now. */
  async tick(): Promise<TickResult> {
    const result = await this.tickOnce();
    this.deps.metrics?.reminderTick(result.ran ? 'ran' : 'skipped', result.sent);
    return result;
  }

  private async tickOnce(): Promise<TickResult> {
    const now = this.deps.clock.now();
    if (!isOfficeHours(now)) return { ran: false, sent: 0, dropped: 0, lost: 0 };
    const run = await this.deps.leases.runOnce(tickSlot('herinneringen', now, this.everyMs), async (signal) => {
      const totals = { sent: 0, dropped: 0, lost: 0 };
      for (const tenant of await this.deps.tenants()) {
        if (signal.aborted) break;
        // One tenant's trouble (e.g. its calendar unreadable) never holds back the tenants after it.
        const r = await this.tenantTick(tenant, now).catch((e: unknown) => {
          this.deps.log.warn('herinneringen van een tenant uitgesteld', {
            tenant,
            fout: e instanceof Error ? e.name : typeof e,
            opslag: isStorageFault(e),
          });
          return { sent: 0, dropped: 0, lost: 0 };
        });
        totals.sent += r.sent;
        totals.dropped += r.dropped;
        totals.lost += r.lost;
        if (r.sent > 0) this.deps.kick(tenant);
      }
      return totals;
    });
    return run.ok ? { ran: true, ...run.value.output } : { ran: false, sent: 0, dropped: 0, lost: 0 };
  }

  private async tenantTick(tenantId: string, now: Date): Promise<{ sent: number; dropped: number; lost: number }> {
    const out = { sent: 0, dropped: 0, lost: 0 };
    const tables = await this.deps.calendar.tablesFor(tenantId);
    for (const row of await this.deps.index.due(tenantId, now, 200)) {
      try {
        const stored = await this.deps.repo.get(tenantId, row.value.caseId as CaseId);
        const c = stored?.value ?? null;
        const still = c ? caseReminders(c, { now, tables }).find((r) => r.key === row.value.key) : undefined;
        let message: OutboxMessage | null = null;
        if (c && still) {
          const settings = (await this.deps.settings.get(tenantId, c.location.teamId))?.value ?? null;
          message = {
            id: reminderOutboxId(tenantId, row.value.key),
            conversation: { serviceUrl: c.location.serviceUrl, conversationId: c.location.conversationId, tenantId },
            kind: 'reply',
            activityId: c.location.rootActivityId,
            activity: this.deps.views.notice(reminderNotice(c, still, settings)),
            createdAt: now.toISOString(),
            caseId: c.id,
          };
        }
        const fired = await this.deps.index.fire(tenantId, row, message);
        if (!fired) out.lost++;
        else if (message) out.sent++;
        else out.dropped++;
      } catch (e) {
        await this.isolate(tenantId, row, e, now);
      }
    }
    return out;
  }

  /**
   * One row failed. A storage fault ends this tenant's pass (its rows stay for the next tick; the
   * tenants after it go on, one log line). Anything else (a notice that cannot be built, e.g. a
   * damaged case row) would fail every tick, so that row becomes a dead letter and the rows after it
   * go on. Only the error's name is logged: its message may carry case data.
   */
  private async isolate(tenantId: string, row: Parameters<ReminderIndex['fire']>[1], e: unknown, now: Date): Promise<void> {
    if (isStorageFault(e)) throw e;
    const fout = e instanceof Error ? e.name : typeof e;
    this.deps.log.error('herinnering niet te maken: naar de dode brieven', {
      tenant: tenantId,
      caseId: row.value.caseId,
      kind: row.value.kind,
      fout,
    });
    try {
      await this.deps.index.deadLetter(tenantId, row, { error: fout, at: now });
    } catch (e2) {
      this.deps.log.warn('herinnering niet naar de dode brieven verplaatst', {
        tenant: tenantId,
        caseId: row.value.caseId,
        fout: e2 instanceof Error ? e2.name : typeof e2,
      });
    }
  }
}
