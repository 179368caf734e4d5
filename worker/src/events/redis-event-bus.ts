import { randomBytes } from 'node:crypto';
import {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  WebhookResponseMessage,
} from '@tandem/shared/schema';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { channels, type EventBus, reachesExecutionChannel, type Unsubscribe } from './types.ts';
import { ViewerPresence, ViewersMessage } from './viewer-presence.ts';

export interface RedisEventBusOptions {
  redisUrl: string;
  /** Channel prefix; tests use a random one. Default `tandem`. */
  prefix?: string;
  logger?: Logger;
  /** How often workflow subscriptions are re-announced to publishers (see ViewerPresence). Default 10 s. */
  viewerAnnounceMs?: number;
  /** How long a starting bus waits for the answers to its `who` before trusting what it heard. Default 2 s. */
  viewerSettleMs?: number;
}

/** Where buses announce their workflow subscriptions, so publishers skip events no process would receive. */
const VIEWERS = 'viewers';
const replyChannel = (replyTo: string) => `reply:${replyTo}`;

type Listener = (message: any) => void;
type SubscriptionOp = { subscribe: boolean; channel: string; done: (err?: unknown) => void };

/**
 * Redis pub/sub bus for production mode: one publishing and one subscribing connection per process,
 * one Redis subscription per channel however many local listeners share it. Incoming messages are
 * validated; a malformed one is logged and dropped.
 *
 * Publishes of one event-loop turn leave in one write (auto-pipelining), and (un)subscriptions of one turn in one
 * SUBSCRIBE/UNSUBSCRIBE each. Webhook calls wait on the process' one reply channel (`replyTo`), not on a channel
 * of their own.
 * Most runs have no viewer: a workflow's events are published only while some bus announces a listener for that
 * workflow (ViewerPresence; `hasListeners` tells the runner, which then does not even make them).
 */
export class RedisEventBus implements EventBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #log: Logger;
  readonly #listeners = new Map<string, { set: Set<Listener>; schema: z.ZodType; ready: Promise<unknown> }>();
  /** (Un)subscriptions not sent yet, in call order. */
  #ops: SubscriptionOp[] = [];
  readonly #presence: ViewerPresence;
  readonly replyTo = randomBytes(12).toString('base64url');
  /** Webhook calls of this process waiting for their answer, by execution id. */
  readonly #replies = new Map<string, (message: WebhookResponseMessage) => void>();
  #replyReady?: Promise<Unsubscribe>;
  readonly #announcer: ReturnType<typeof setInterval>;
  #presenceReady = false;

  constructor(options: RedisEventBusOptions) {
    this.#prefix = `${options.prefix ?? 'tandem'}:ev:`;
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#pub = new Redis(options.redisUrl, { enableAutoPipelining: true });
    // Named, so an operator (or a test) can tell it in CLIENT LIST.
    this.#sub = new Redis(options.redisUrl, { connectionName: `${this.#prefix}sub` });
    for (const c of [this.#pub, this.#sub])
      c.on('error', (err) => this.#log.warn({ err }, 'event bus redis error'));
    this.#sub.on('message', (channel: string, raw: string) => this.#deliver(channel, raw));
    this.#presence = new ViewerPresence({
      announceMs: options.viewerAnnounceMs,
      settleMs: options.viewerSettleMs,
    });
    const onViewers = (m: ViewersMessage) => {
      if (m.type === 'viewing') this.#presence.seen(m.workflowIds);
      else void this.#announce(this.#viewedWorkflows());
    };
    void this.#subscribe(VIEWERS, ViewersMessage, onViewers).then(
      async () => {
        this.#presenceReady = true;
        this.#presence.listening(await this.#publishViewers({ type: 'who' }));
      },
      (err) => this.#log.warn({ err }, 'viewers subscription failed'),
    );
    // Announcements sent while the subscriber connection was down are lost: blind for a hold time (ioredis
    // subscribes again on reconnect, shortly after 'ready'). Our own viewers are announced again at once.
    this.#sub.on('close', () => this.#presence.deaf());
    this.#sub.on('ready', () => {
      if (!this.#presenceReady) return;
      this.#presence.listening(false);
      void this.#announce(this.#viewedWorkflows());
    });
    this.#announcer = setInterval(
      () => void this.#announce(this.#viewedWorkflows()),
      this.#presence.announceMs,
    );
    this.#announcer.unref();
  }

  #viewedWorkflows(): string[] {
    const prefix = channels.workflow('');
    const ids: string[] = [];
    for (const channel of this.#listeners.keys())
      if (channel.startsWith(prefix)) ids.push(channel.slice(prefix.length));
    return ids;
  }

  async #announce(workflowIds: string[]): Promise<void> {
    if (workflowIds.length === 0) return;
    // Our own publishes need not wait for the round trip through Redis.
    this.#presence.seen(workflowIds);
    await this.#publishViewers({ type: 'viewing', workflowIds });
  }

  /** False when it could not be sent. */
  async #publishViewers(message: ViewersMessage): Promise<boolean> {
    try {
      await this.#pub.publish(this.#prefix + VIEWERS, JSON.stringify(message));
      return true;
    } catch (err) {
      this.#log.warn({ err }, 'viewers message failed');
      return false;
    }
  }

  #deliver(channel: string, raw: string): void {
    const entry = this.#listeners.get(channel.slice(this.#prefix.length));
    if (!entry) return;
    let message: unknown;
    try {
      const parsed = entry.schema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw parsed.error;
      message = parsed.data;
    } catch (err) {
      this.#log.warn({ err, channel }, 'dropped malformed event');
      return;
    }
    for (const fn of [...entry.set]) {
      try {
        fn(message);
      } catch (err) {
        this.#log.error({ err }, 'event listener threw');
      }
    }
  }

  async #subscribe(channel: string, schema: z.ZodType, fn: Listener): Promise<Unsubscribe> {
    let entry = this.#listeners.get(channel);
    if (!entry) {
      entry = { set: new Set(), schema, ready: this.#enqueue(true, this.#prefix + channel) };
      this.#listeners.set(channel, entry);
    }
    const mine = entry;
    mine.set.add(fn);
    await mine.ready;
    return async () => {
      mine.set.delete(fn);
      if (mine.set.size === 0 && this.#listeners.get(channel) === mine) {
        this.#listeners.delete(channel);
        // Sent in call order, so a later re-subscribe is not undone by this. Not waited for: nothing is delivered
        // to this listener from now on, and the caller (a webhook answer) need not wait for Redis.
        void this.#enqueue(false, this.#prefix + channel).catch(() => {});
      }
    };
  }

  #enqueue(subscribe: boolean, channel: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#ops.length === 0) setImmediate(() => this.#flushSubscriptions());
      this.#ops.push({ subscribe, channel, done: (err) => (err ? reject(err) : resolve()) });
    });
  }

  /** Sends the waiting (un)subscriptions, consecutive ones of a kind as one command. */
  #flushSubscriptions(): void {
    // ioredis sends a command issued between socket connect and its ready check (INFO) straight away; a SUBSCRIBE
    // there makes the ready check fail and the subscription is lost. Before ready, commands wait in its queue.
    if (this.#sub.status === 'connect') {
      this.#sub.once('ready', () => this.#flushSubscriptions());
      return;
    }
    const ops = this.#ops;
    this.#ops = [];
    for (let i = 0; i < ops.length; ) {
      let j = i;
      while (j < ops.length && ops[j].subscribe === ops[i].subscribe) j++;
      const run = ops.slice(i, j);
      const channels = run.map((o) => o.channel);
      const sent = run[0].subscribe ? this.#sub.subscribe(...channels) : this.#sub.unsubscribe(...channels);
      sent.then(
        () => {
          for (const o of run) o.done();
        },
        (err: unknown) => {
          for (const o of run) o.done(err ?? new Error('subscription failed'));
        },
      );
      i = j;
    }
  }

  async publish(event: ExecutionEvent): Promise<void> {
    const raw = JSON.stringify(event);
    const sends: Promise<number>[] = [];
    if (this.#presence.viewed(event.workflowId))
      sends.push(this.#pub.publish(this.#prefix + channels.workflow(event.workflowId), raw));
    if (reachesExecutionChannel(event))
      sends.push(this.#pub.publish(this.#prefix + channels.execution(event.executionId), raw));
    await Promise.all(sends);
  }

  async publishWebhookResponse(message: WebhookResponseMessage, replyTo?: string): Promise<void> {
    const channel = replyTo ? replyChannel(replyTo) : channels.execution(message.executionId);
    await this.#pub.publish(this.#prefix + channel, JSON.stringify(message));
  }

  /** Listens on this process' reply channel (subscribed at the first call, kept until close). */
  async subscribeWebhookResponse(
    executionId: string,
    listener: (message: WebhookResponseMessage) => void,
  ): Promise<Unsubscribe> {
    this.#replyReady ??= this.#subscribe(
      replyChannel(this.replyTo),
      WebhookResponseMessage,
      (m: WebhookResponseMessage) => this.#replies.get(m.executionId)?.(m),
    );
    await this.#replyReady.catch((err) => {
      this.#replyReady = undefined; // the next call tries again
      throw err;
    });
    this.#replies.set(executionId, listener);
    return async () => {
      if (this.#replies.get(executionId) === listener) this.#replies.delete(executionId);
    };
  }

  async publishControl(message: ControlMessage): Promise<void> {
    await this.#pub.publish(this.#prefix + channels.control, JSON.stringify(message));
  }

  /** Resolves once subscribed and announced: events of runs started from then on reach the listener. */
  async subscribeWorkflow(
    workflowId: string,
    listener: (event: ExecutionEvent) => void,
  ): Promise<Unsubscribe> {
    const unsubscribe = await this.#subscribe(channels.workflow(workflowId), ExecutionEvent, listener);
    await this.#announce([workflowId]);
    return unsubscribe;
  }

  subscribeExecution(
    executionId: string,
    listener: (m: ExecutionChannelMessage) => void,
  ): Promise<Unsubscribe> {
    return this.#subscribe(channels.execution(executionId), ExecutionChannelMessage, listener);
  }

  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe> {
    return this.#subscribe(channels.control, ControlMessage, listener);
  }

  /** The workflow's events are published only while some bus announces a viewer; an execution's always are. */
  hasListeners(workflowId: string, executionId?: string): boolean {
    return executionId !== undefined || this.#presence.viewed(workflowId);
  }

  /** Channels with listeners, the bus' own (viewers, replies) not counted. */
  get channelCount(): number {
    const own = [VIEWERS, replyChannel(this.replyTo)].filter((c) => this.#listeners.has(c)).length;
    return this.#listeners.size - own;
  }

  /** Webhook calls waiting on this bus' reply channel. */
  get waitingReplies(): number {
    return this.#replies.size;
  }

  async close(): Promise<void> {
    clearInterval(this.#announcer);
    this.#listeners.clear();
    this.#replies.clear();
    this.#pub.disconnect();
    this.#sub.disconnect();
  }
}
