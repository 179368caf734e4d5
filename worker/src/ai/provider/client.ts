import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { AiConfig } from './config.ts';
import { AiError } from './errors.ts';
import { abortableSleep, backoffDelay, retryAfterFromHeaders } from './retry.ts';
import type { ChatRequest, ChatResult, TokenUsage, ToolCall, UsageSink } from './types.ts';

export interface AiProviderOptions {
  /** Called once per successful call with its token usage; errors in the sink are swallowed. */
  onUsage?: UsageSink;
  /** Backoff tuning (tests shorten it). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Custom fetch (proxies, tests). */
  fetch?: typeof fetch;
  /** Token budget for this provider instance (one api request, one node run): calls past it are refused. */
  maxTotalTokens?: number;
}

/** A thin, bounded, cancellable Chat Completions client. */
export interface AiProvider {
  readonly model: string;
  chat(req: ChatRequest): Promise<ChatResult>;
  /** Tokens used by this instance so far. */
  usedTokens(): number;
}

const MAX_OUTPUT_TOKENS = 16_384;

// The SDK (~30 MiB, ~0.3 s) is loaded on the first call, not at start: most processes never call an AI server.
let sdk: typeof import('openai') | undefined;
const loadSdk = async () => (sdk ??= await import('openai'));

/**
 * Create a provider for one resolved config. Retries (429, 5xx, timeouts, connection errors) are ours, bounded by
 * `config.maxRetries`, with jittered exponential backoff honouring Retry-After; the SDK's own retries are off.
 * @example const ai = createAiProvider(resolveAiConfig(), { onUsage: (u) => store.add(u) });
 *          const r = await ai.chat({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAiProvider(config: AiConfig, opts: AiProviderOptions = {}): AiProvider {
  let client: OpenAI | undefined;
  const getClient = async () =>
    (client ??= new (await loadSdk()).default({
      apiKey: config.apiKey,
      // Explicit, so a credential without a URL never silently picks up OPENAI_BASE_URL from the environment.
      baseURL: config.baseURL ?? 'https://api.openai.com/v1',
      timeout: config.timeoutMs,
      maxRetries: 0,
      fetch: opts.fetch,
    }));
  const backoff = { baseDelayMs: opts.baseDelayMs ?? 500, maxDelayMs: opts.maxDelayMs ?? 8_000 };

  let used = 0;

  async function chat(req: ChatRequest): Promise<ChatResult> {
    if (opts.maxTotalTokens !== undefined && used >= opts.maxTotalTokens) {
      throw new AiError(
        'ai_budget_exceeded',
        `The AI token budget (${opts.maxTotalTokens}) for this request is used up`,
      );
    }
    const started = Date.now();
    const model = req.model || config.model;
    const body = toRequestBody(req, model);
    const client = await getClient();
    let attempt = 0;
    for (;;) {
      attempt += 1;
      try {
        const result = req.stream
          ? await runStreaming(client, body, req, model)
          : await runOnce(client, body, req, model);
        result.attempts = attempt;
        // Some local servers report no usage: estimate (~4 characters a token) so budgets and quotas still hold.
        if (result.usage.totalTokens === 0) result.usage = estimateUsage(req, result);
        used += result.usage.totalTokens;
        await recordUsage(opts.onUsage, req, result, started);
        return result;
      } catch (err) {
        const mapped = mapError(err);
        if (!mapped.retryable || attempt > config.maxRetries) throw mapped;
        const retryAfter =
          sdk && err instanceof sdk.APIError ? retryAfterFromHeaders(err.headers) : undefined;
        await abortableSleep(backoffDelay(attempt, backoff, retryAfter), req.signal);
      }
    }
  }

  return { model: config.model, chat, usedTokens: () => used };
}

function toRequestBody(req: ChatRequest, model: string): ChatCompletionCreateParamsBase {
  const body: ChatCompletionCreateParamsBase = {
    model,
    messages: req.messages,
    max_completion_tokens: Math.min(MAX_OUTPUT_TOKENS, Math.max(1, req.maxTokens ?? 4096)),
  };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      type: 'function' as const,
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
    if (req.toolChoice) body.tool_choice = req.toolChoice;
  }
  if (req.jsonSchema) {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: req.jsonSchema.name,
        schema: req.jsonSchema.schema,
        strict: req.jsonSchema.strict ?? false,
      },
    };
  }
  return body;
}

async function runOnce(
  client: OpenAI,
  body: ChatCompletionCreateParamsBase,
  req: ChatRequest,
  model: string,
): Promise<ChatResult> {
  const res = await client.chat.completions.create({ ...body, stream: false }, { signal: req.signal });
  const choice = res?.choices?.[0];
  if (!choice || typeof choice !== 'object') {
    throw new AiError('ai_provider_error', 'The AI server answered without any choice', { retryable: true });
  }
  const toolCalls: ToolCall[] = [];
  for (const call of choice.message?.tool_calls ?? []) {
    if (call.type === 'function' && call.function) {
      toolCalls.push({
        id: String(call.id),
        name: String(call.function.name),
        arguments: String(call.function.arguments ?? ''),
      });
    }
  }
  return {
    content: typeof choice.message?.content === 'string' ? choice.message.content : null,
    toolCalls,
    finishReason: choice.finish_reason ?? null,
    usage: toUsage(res.usage),
    model: typeof res.model === 'string' ? res.model : model,
    attempts: 1,
  };
}

async function runStreaming(
  client: OpenAI,
  body: ChatCompletionCreateParamsBase,
  req: ChatRequest,
  model: string,
): Promise<ChatResult> {
  const stream = await client.chat.completions.create(
    { ...body, stream: true, stream_options: { include_usage: true } },
    { signal: req.signal },
  );
  let content = '';
  let sawContent = false;
  let finishReason: string | null = null;
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let answeredModel = model;
  const calls = new Map<number, ToolCall>();
  try {
    await consume();
  } catch (err) {
    const mapped = mapError(err);
    // Text already handed to onDelta cannot be taken back: a retry would repeat it, so a broken stream is final.
    if (!sawContent || mapped.code === 'ai_aborted') throw mapped;
    throw new AiError('ai_provider_error', `The AI stream broke off: ${mapped.message}`, { cause: err });
  }
  return {
    content: sawContent ? content : null,
    toolCalls: [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c),
    finishReason,
    usage,
    model: answeredModel,
    attempts: 1,
  };

  async function consume() {
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
      if (chunk.usage) usage = toUsage(chunk.usage);
      if (typeof chunk.model === 'string' && chunk.model) answeredModel = chunk.model;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string' && delta.content) {
        sawContent = true;
        content += delta.content;
        req.onDelta?.(delta.content);
      }
      for (const part of delta.tool_calls ?? []) {
        // Tool calls stream as fragments keyed by index: id and name first, arguments accrete.
        const existing = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
        if (part.id) existing.id = part.id;
        if (part.function?.name) existing.name += part.function.name;
        if (part.function?.arguments) existing.arguments += part.function.arguments;
        calls.set(part.index, existing);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
}

function estimateUsage(req: ChatRequest, result: ChatResult): TokenUsage {
  const promptTokens = Math.ceil(JSON.stringify(req.messages).length / 4);
  const completionTokens = Math.ceil(
    ((result.content ?? '').length +
      (result.toolCalls.length ? JSON.stringify(result.toolCalls).length : 0)) /
      4,
  );
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function toUsage(
  u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined,
): TokenUsage {
  const promptTokens = nonNegative(u?.prompt_tokens);
  const completionTokens = nonNegative(u?.completion_tokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: nonNegative(u?.total_tokens) || promptTokens + completionTokens,
  };
}

function nonNegative(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

async function recordUsage(
  sink: UsageSink | undefined,
  req: ChatRequest,
  result: ChatResult,
  started: number,
) {
  if (!sink) return;
  try {
    await sink({
      ...result.usage,
      model: result.model,
      operation: req.operation ?? 'chat',
      userId: req.userId,
      attempts: result.attempts,
      durationMs: Date.now() - started,
      at: new Date(),
    });
  } catch {
    // Usage accounting must never turn a successful answer into a failure.
  }
}

/** Map SDK and network errors to typed AiErrors with retry intent. */
export function mapError(err: unknown): AiError {
  if (err instanceof AiError) return err;
  // Without the SDK loaded, no SDK error exists yet.
  const S = sdk;
  if (S && err instanceof S.APIUserAbortError)
    return new AiError('ai_aborted', 'The AI request was cancelled', { cause: err });
  if (S && err instanceof S.APIConnectionTimeoutError) {
    return new AiError('ai_timeout', 'The AI server did not answer in time', { retryable: true, cause: err });
  }
  if (S && err instanceof S.APIError) {
    const status = err.status;
    if (status === undefined) {
      return new AiError('ai_provider_error', `Could not reach the AI server: ${err.message}`, {
        retryable: true,
        cause: err,
      });
    }
    if (status === 429) {
      return new AiError('ai_rate_limited', 'The AI server is rate limiting requests', {
        retryable: true,
        status,
        cause: err,
      });
    }
    const retryable = status >= 500 || status === 408 || status === 409;
    return new AiError(
      'ai_provider_error',
      `The AI server answered ${status}: ${shortMessage(err.message)}`,
      {
        retryable,
        status,
        cause: err,
      },
    );
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return new AiError('ai_aborted', 'The AI request was cancelled', { cause: err });
  }
  // A body that is not JSON, or a broken SSE stream, surfaces as a SyntaxError/TypeError from the SDK.
  const message = err instanceof Error ? err.message : String(err);
  return new AiError(
    'ai_provider_error',
    `The AI server sent an unreadable answer: ${shortMessage(message)}`,
    {
      retryable: true,
      cause: err,
    },
  );
}

function shortMessage(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
