import type {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  WebhookResponseMessage,
} from '@tandem/shared/schema';

export type Unsubscribe = () => Promise<void>;

/**
 * Live events between workers and api instances. `publish` sends an execution event to its workflow's
 * channel (everyone viewing the canvas) and its execution's channel (whoever waits for that run).
 * Subscriptions resolve once they are active, so subscribe before you enqueue.
 */
export interface EventBus {
  publish(event: ExecutionEvent): Promise<void>;
  /** Sends a webhook's HTTP answer to the execution's channel only (never to viewers). */
  publishWebhookResponse(message: WebhookResponseMessage): Promise<void>;
  /** Sends a command to every worker. */
  publishControl(message: ControlMessage): Promise<void>;
  subscribeWorkflow(workflowId: string, listener: (event: ExecutionEvent) => void): Promise<Unsubscribe>;
  /**
   * `only: 'webhook.response'`: the listener wants the webhook answer alone; a bus may then deliver nothing
   * else and need not count it as a listener of the run's events (see `hasListeners`).
   */
  subscribeExecution(
    executionId: string,
    listener: (message: ExecutionChannelMessage) => void,
    options?: { only?: 'webhook.response' },
  ): Promise<Unsubscribe>;
  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe>;
  /**
   * False when nobody can receive an event of this execution right now, so the publisher may skip making it.
   * Absent where listeners are elsewhere (other processes): then every event is published.
   */
  hasListeners?(workflowId: string, executionId: string): boolean;
  close(): Promise<void>;
}

export const channels = {
  workflow: (id: string) => `wf:${id}`,
  execution: (id: string) => `ex:${id}`,
  control: 'control',
};
