import { z } from 'zod';
import { notConfigured } from './errors.ts';

/** Default model when neither the credential nor `AI_MODEL` names one. */
export const DEFAULT_MODEL = 'gpt-4o-mini';

/** Everything needed to reach an OpenAI-compatible Chat Completions server. */
export interface AiConfig {
  apiKey: string;
  /** Undefined means the SDK default (api.openai.com). */
  baseURL: string | undefined;
  model: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Bounded retries on 429/5xx/timeouts. */
  maxRetries: number;
}

/** The decrypted `openAiApi` credential data (url and model are optional). */
export const OpenAiCredential = z.object({
  apiKey: z.string().min(1),
  url: z.string().url().optional().or(z.literal('')),
  model: z.string().min(1).optional(),
});
export type OpenAiCredential = z.infer<typeof OpenAiCredential>;

export interface ResolveAiConfigInput {
  /** Per-workflow or instance-wide credential; wins over the environment. */
  credential?: unknown;
  env?: Record<string, string | undefined>;
  /** Explicit model override (e.g. a node's model option). */
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/**
 * Resolve the AI connection from a credential (`openAiApi` {apiKey, url}) or the environment
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `AI_MODEL`). Throws `AiError('ai_not_configured')` when no key exists.
 * @example resolveAiConfig({ env: process.env }) // { apiKey, baseURL, model: 'gpt-4o-mini', ... }
 */
export function resolveAiConfig(input: ResolveAiConfigInput = {}): AiConfig {
  const env = input.env ?? process.env;
  let apiKey: string | undefined;
  let baseURL: string | undefined;
  let model: string | undefined;
  if (input.credential !== undefined && input.credential !== null) {
    const parsed = OpenAiCredential.safeParse(input.credential);
    if (!parsed.success) throw notConfigured();
    apiKey = parsed.data.apiKey;
    baseURL = parsed.data.url || undefined;
    model = parsed.data.model;
  } else {
    apiKey = env.OPENAI_API_KEY?.trim() || undefined;
    baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  }
  if (!apiKey) throw notConfigured();
  return {
    apiKey,
    baseURL,
    model: input.model || model || env.AI_MODEL?.trim() || DEFAULT_MODEL,
    timeoutMs: clamp(input.timeoutMs ?? 60_000, 100, 10 * 60_000),
    maxRetries: clamp(input.maxRetries ?? 3, 0, 6),
  };
}

/** True when an AI connection can be resolved (used to report "AI not configured" without throwing). */
export function isAiConfigured(input: ResolveAiConfigInput = {}): boolean {
  try {
    resolveAiConfig(input);
    return true;
  } catch {
    return false;
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(n)));
}
