import {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  type WebhookResponseMessage,
} from '@tandem/shared/schema';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { channels, type EventBus, reachesExecutionChannel, type Unsubscribe } from './types.ts';

export interface RedisEventBusOptions {
  redisUrl: string;
  /** Channel prefix; tests use a random one. Default `tandem`. */
  prefix?: string;
  logger?: Logger;
}

type Listener = (message: any) => void;
type SubscriptionOp = { subscribe: boolean; channel: string; done: (err?: unknown) => void };

/**
 * Redis pub/sub bus for production mode: one publishing and one subscribing connection per process,
 * one Redis subscription per channel however many local listeners share it. Incoming messages are
 * validated; a malformed one is logged and dropped.
 *
 * Built for one subscription per waiting webhook call and a dozen events per run: publishes of one event-loop
 * turn leave in one write (auto-pipelining), and (un)subscriptions of one turn in one SUBSCRIBE/UNSUBSCRIBE each.
 */
export class RedisEventBus implements EventBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #log: Logger;
  readonly #listeners = new Map<string, { set: Set<Listener>; schema: z.ZodType; ready: Promise<unknown> }>();
  /** (Un)subscriptions not sent yet, in call order. */
  #ops: SubscriptionOp[] = [];

  constructor(options: RedisEventBusOptions) {
    this.#prefix = `${options.prefix ?? 'tandem'}:ev:`;
    this.#log = options.logger ?? pino({ level: 'silent' });
    this.#pub = new Redis(options.redisUrl, { enableAutoPipelining: true });
    this.#sub = new Redis(options.redisUrl);
    for (const c of [this.#pub, this.#sub])
      c.on('error', (err) => this.#log.warn({ err }, 'event bus redis error'));
    this.#sub.on('message', (channel: string, raw: string) => this.#deliver(channel, raw));
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
    const sends = [this.#pub.publish(this.#prefix + channels.workflow(event.workflowId), raw)];
    if (reachesExecutionChannel(event))
      sends.push(this.#pub.publish(this.#prefix + channels.execution(event.executionId), raw));
    await Promise.all(sends);
  }

  async publishWebhookResponse(message: WebhookResponseMessage): Promise<void> {
    await this.#pub.publish(this.#prefix + channels.execution(message.executionId), JSON.stringify(message));
  }

  async publishControl(message: ControlMessage): Promise<void> {
    await this.#pub.publish(this.#prefix + channels.control, JSON.stringify(message));
  }

  subscribeWorkflow(workflowId: string, listener: (event: ExecutionEvent) => void): Promise<Unsubscribe> {
    return this.#subscribe(channels.workflow(workflowId), ExecutionEvent, listener);
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

  get channelCount(): number {
    return this.#listeners.size;
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    this.#pub.disconnect();
    this.#sub.disconnect();
  }
}
