import type { ScheduleSpec } from './schedule-rules.ts';

/** One tick of one schedule. */
export interface ScheduleFire {
  scheduleId: string;
  workflowId: string;
  nodeName: string;
  /** The tick's time (ms epoch), not the moment the handler ran. */
  tickAt: number;
  /** Unique per (schedule, tick): use it as the execution's idempotency key. */
  fireId: string;
}

/**
 * Schedule registry + clock. `syncWorkflow` is called on publish and restore, and with `[]` on unpublish and archive;
 * `start` makes this process handle fires. Each tick fires once, whatever the number of processes.
 */
export interface Scheduler {
  syncWorkflow(workflowId: string, specs: ScheduleSpec[]): Promise<void>;
  list(workflowId?: string): Promise<ScheduleSpec[]>;
  start(onFire: (fire: ScheduleFire) => Promise<void>): void;
  close(): Promise<void>;
}
