import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** A Chat Completions message (the SDK's own type, so tool results and images pass through unchanged). */
export type ChatMessage = ChatCompletionMessageParam;

/** A function the model may call; `parameters` is a JSON schema. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

/** A JSON schema the answer must follow (structured outputs). */
export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
  /** OpenAI strict mode needs every property required and no additional properties. */
  strict?: boolean;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Overrides the configured model for this call. */
  model?: string;
  tools?: ToolDefinition[];
  toolChoice?: 'auto' | 'none' | 'required';
  jsonSchema?: JsonSchemaFormat;
  temperature?: number;
  /** Upper bound on generated tokens (bounded cost); default 4096. */
  maxTokens?: number;
  signal?: AbortSignal;
  /** Stream the answer; `onDelta` receives text increments as they arrive. */
  stream?: boolean;
  onDelta?: (text: string) => void;
  /** Labels copied into the usage record. */
  operation?: string;
  userId?: string;
}

/** A tool call as the model produced it; `arguments` is raw, untrusted JSON text. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResult {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage: TokenUsage;
  model: string;
  /** 1 + the number of retries it took. */
  attempts: number;
}

/** One call's token usage, handed to the host (which persists it per user). */
export interface UsageRecord extends TokenUsage {
  model: string;
  operation: string;
  userId: string | undefined;
  attempts: number;
  durationMs: number;
  at: Date;
}

export type UsageSink = (record: UsageRecord) => void | Promise<void>;
