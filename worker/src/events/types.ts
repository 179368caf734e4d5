import type {
  ControlMessage,
  ExecutionChannelMessage,
  ExecutionEvent,
  WebhookResponseMessage,
} from '@tandem/shared/schema';

export type Unsubscribe = () => Promise<void>;

/**
 * Live events between workers and api instances. `publish` sends an execution event to its workflow's
 * channel (everyone viewing the canvas); `execution.finished` also goes to its execution's channel (whoever waits
 * for that run: the wait API). Per-node progress does not: nobody waiting for one run reads it, and it was half of
 * a webhook run's Redis commands.
 * Subscriptions resolve once they are active, so subscribe before you enqueue.
 */
export interface EventBus {
  publish(event: ExecutionEvent): Promise<void>;
  /**
   * Sends a webhook's HTTP answer (never to viewers) to the bus that waits for it: to its reply channel when the
   * execution's input names one (`replyTo`), else to the execution's channel.
   */
  publishWebhookResponse(message: WebhookResponseMessage, replyTo?: string): Promise<void>;
  /**
   * This bus' reply channel, stored with an execution whose webhook answer it waits for: one channel per process,
   * subscribed once, instead of a SUBSCRIBE and an UNSUBSCRIBE per call. Absent in-process.
   */
  readonly replyTo?: string;
  /** Waits for one execution's webhook answer (sent to `replyTo`, or without one to the execution's channel). */
  subscribeWebhookResponse(
    executionId: string,
    listener: (message: WebhookResponseMessage) => void,
  ): Promise<Unsubscribe>;
  /** Sends a command to every worker. */
  publishControl(message: ControlMessage): Promise<void>;
  subscribeWorkflow(workflowId: string, listener: (event: ExecutionEvent) => void): Promise<Unsubscribe>;
  subscribeExecution(
    executionId: string,
    listener: (message: ExecutionChannelMessage) => void,
  ): Promise<Unsubscribe>;
  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe>;
  /**
   * Whether anyone listens to the workflow's channel or, with `executionId`, to that execution's channel right now:
   * when not, the publisher may skip making an event. Absent where listeners are elsewhere (other processes):
   * then every event is published.
   */
  hasListeners?(workflowId: string, executionId?: string): boolean;
  close(): Promise<void>;
}

export const channels = {
  workflow: (id: string) => `wf:${id}`,
  execution: (id: string) => `ex:${id}`,
  control: 'control',
};

/** Whether an execution event also goes to its execution's channel (see EventBus): only the run's end does. */
export const reachesExecutionChannel = (event: ExecutionEvent): boolean =>
  event.type === 'execution.finished';
