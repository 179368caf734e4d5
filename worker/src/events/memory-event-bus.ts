import type {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  WebhookResponseMessage,
} from '@tandem/shared/schema';
import { channels, type EventBus, reachesExecutionChannel, type Unsubscribe } from './types.ts';

type Listener = (message: any) => void;

/**
 * In-process bus for embedded mode. Delivery is synchronous and by reference: messages are treated as
 * immutable. A throwing listener cannot break the publisher or the other listeners.
 */
export class MemoryEventBus implements EventBus {
  readonly #listeners = new Map<string, Set<Listener>>();
  #closed = false;

  #emit(channel: string, message: unknown): void {
    const set = this.#listeners.get(channel);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(message);
      } catch {
        // A listener's bug is its own; delivery to the others continues.
      }
    }
  }

  #subscribe(channel: string, fn: Listener): Promise<Unsubscribe> {
    if (this.#closed) return Promise.reject(new Error('event bus is closed'));
    let set = this.#listeners.get(channel);
    if (!set) this.#listeners.set(channel, (set = new Set()));
    set.add(fn);
    return Promise.resolve(async () => {
      set.delete(fn);
      if (set.size === 0 && this.#listeners.get(channel) === set) this.#listeners.delete(channel);
    });
  }

  async publish(event: ExecutionEvent): Promise<void> {
    this.#emit(channels.workflow(event.workflowId), event);
    if (reachesExecutionChannel(event)) this.#emit(channels.execution(event.executionId), event);
  }

  async publishWebhookResponse(message: WebhookResponseMessage): Promise<void> {
    this.#emit(channels.execution(message.executionId), message);
  }

  async publishControl(message: ControlMessage): Promise<void> {
    this.#emit(channels.control, message);
  }

  subscribeWorkflow(workflowId: string, listener: (event: ExecutionEvent) => void): Promise<Unsubscribe> {
    return this.#subscribe(channels.workflow(workflowId), listener);
  }

  subscribeExecution(
    executionId: string,
    listener: (m: ExecutionChannelMessage) => void,
  ): Promise<Unsubscribe> {
    return this.#subscribe(channels.execution(executionId), listener);
  }

  subscribeWebhookResponse(
    executionId: string,
    listener: (message: WebhookResponseMessage) => void,
  ): Promise<Unsubscribe> {
    return this.#subscribe(channels.execution(executionId), (m: ExecutionChannelMessage) => {
      if (m.type === 'webhook.response') listener(m);
    });
  }

  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe> {
    return this.#subscribe(channels.control, listener);
  }

  hasListeners(workflowId: string, executionId?: string): boolean {
    if (this.#listeners.size === 0) return false;
    if (this.#listeners.has(channels.workflow(workflowId))) return true;
    return executionId !== undefined && this.#listeners.has(channels.execution(executionId));
  }

  /** Number of channels with listeners (lets tests check that unsubscribing cleans up). */
  get channelCount(): number {
    return this.#listeners.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
  }
}
