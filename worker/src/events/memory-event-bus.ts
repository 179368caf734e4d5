import type {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  WebhookResponseMessage,
} from '@tandem/shared/schema';
import { channels, type EventBus, type Unsubscribe } from './types.ts';

type Listener = (message: any) => void;

/** Listeners of an execution's webhook answer alone: they do not make its events worth publishing. */
const answerChannel = (executionId: string) => `answer:${executionId}`;
const isAnswerChannel = (channel: string) => channel.startsWith('answer:');

/**
 * In-process bus for embedded mode. Delivery is synchronous and by reference: messages are treated as
 * immutable. A throwing listener cannot break the publisher or the other listeners.
 */
export class MemoryEventBus implements EventBus {
  readonly #listeners = new Map<string, Set<Listener>>();
  /** Channels with listeners of run events (all but the webhook-answer ones): none is the usual case. */
  #eventChannels = 0;
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
    if (!set) {
      this.#listeners.set(channel, (set = new Set()));
      if (!isAnswerChannel(channel)) this.#eventChannels++;
    }
    set.add(fn);
    return Promise.resolve(async () => {
      set.delete(fn);
      if (set.size === 0 && this.#listeners.get(channel) === set) {
        this.#listeners.delete(channel);
        if (!isAnswerChannel(channel)) this.#eventChannels--;
      }
    });
  }

  async publish(event: ExecutionEvent): Promise<void> {
    this.#emit(channels.workflow(event.workflowId), event);
    this.#emit(channels.execution(event.executionId), event);
  }

  async publishWebhookResponse(message: WebhookResponseMessage): Promise<void> {
    this.#emit(channels.execution(message.executionId), message);
    this.#emit(answerChannel(message.executionId), message);
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
    options?: { only?: 'webhook.response' },
  ): Promise<Unsubscribe> {
    const channel = options?.only ? answerChannel(executionId) : channels.execution(executionId);
    return this.#subscribe(channel, listener);
  }

  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe> {
    return this.#subscribe(channels.control, listener);
  }

  hasListeners(workflowId: string, executionId: string): boolean {
    if (this.#eventChannels === 0) return false;
    return (
      this.#listeners.has(channels.execution(executionId)) ||
      this.#listeners.has(channels.workflow(workflowId))
    );
  }

  /** Number of channels with listeners (lets tests check that unsubscribing cleans up). */
  get channelCount(): number {
    return this.#listeners.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#eventChannels = 0;
  }
}
