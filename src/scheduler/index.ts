export { OutboxDispatcher, type DispatcherOptions } from './dispatcher';
export { type DispatchStats } from './conversationRun';
export { SlidingWindowLimiter, type WindowRule, type Ticket } from './rateLimiter';
export { TeamsRateLimiter, TEAMS_LIMITS, conversationKey, type TeamsLimits } from './teamsLimits';
export { backoffMs, decide, DEFAULT_BACKOFF, type BackoffPolicy, type Verdict } from './retryPolicy';
export { JobLeases, tickSlot, type JobLeaseOptions, type JobRun } from './lease';
export { ReminderScheduler, type ReminderSchedulerDeps, type TickResult } from './reminderScheduler';
export { RetentionScheduler } from './retentionScheduler';
