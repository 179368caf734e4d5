import { z } from 'zod';

/** The viewers channel: a bus announces the workflows it has listeners for, or asks every bus to announce. */
export const ViewersMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('viewing'), workflowIds: z.array(z.string().min(1).max(64)).max(10_000) }),
  z.object({ type: z.literal('who') }),
]);
export type ViewersMessage = z.infer<typeof ViewersMessage>;

export interface ViewerPresenceOptions {
  /** How often a bus with workflow listeners re-announces them. Default 10 s. */
  announceMs?: number;
  /** How long the answers to a `who` may take. Default 2 s. */
  settleMs?: number;
  now?: () => number;
}

/**
 * Which workflows have a viewer in some process, as far as this process heard: the Redis bus announces its
 * workflow subscriptions when made, when asked (`who`, sent by a bus that starts listening) and every `announceMs`;
 * an announcement holds for three periods (so a viewer that left stops counting). Until a process has heard the
 * answers to its `who` (`settleMs`), or, after its subscriber connection came back, for a whole hold time, it
 * reports every workflow as viewed. Wrong in one direction only: an event is at worst published to nobody, never
 * withheld from a viewer whose subscription had resolved.
 * @example const p = new ViewerPresence(); p.listening(); p.seen(['wf1']); p.viewed('wf1') // true
 */
export class ViewerPresence {
  readonly announceMs: number;
  readonly #holdMs: number;
  readonly #settleMs: number;
  readonly #now: () => number;
  readonly #until = new Map<string, number>();
  /** Before this time, announcements may have been missed. */
  #blindUntil = Number.POSITIVE_INFINITY;

  constructor(options: ViewerPresenceOptions = {}) {
    this.announceMs = options.announceMs ?? 10_000;
    this.#holdMs = 3 * this.announceMs;
    this.#settleMs = options.settleMs ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  /** The viewers subscription is active from now on and a `who` was sent (`asked`), or it came back (not asked). */
  listening(asked: boolean): void {
    this.#blindUntil = this.#now() + (asked ? this.#settleMs : this.#holdMs);
  }

  /** The subscription is gone (connection lost): blind until `listening` again. */
  deaf(): void {
    this.#blindUntil = Number.POSITIVE_INFINITY;
  }

  seen(workflowIds: readonly string[]): void {
    const until = this.#now() + this.#holdMs;
    for (const id of workflowIds) this.#until.set(id, until);
  }

  viewed(workflowId: string): boolean {
    const now = this.#now();
    if (now < this.#blindUntil) return true;
    const until = this.#until.get(workflowId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#until.delete(workflowId);
    return false;
  }
}
