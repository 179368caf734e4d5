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
  subscribeExecution(
    executionId: string,
    listener: (message: ExecutionChannelMessage) => void,
  ): Promise<Unsubscribe>;
  subscribeControl(listener: (message: ControlMessage) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

export const channels = {
  workflow: (id: string) => `wf:${id}`,
  execution: (id: string) => `ex:${id}`,
  control: 'control',
};
