import type { NodeRunContext } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { type AiProvider, createAiProvider } from '../provider/client.ts';
import { resolveAiConfig } from '../provider/config.ts';
import { AiError } from '../provider/errors.ts';
import type { UsageSink } from '../provider/types.ts';

/**
 * Host extras the LLM nodes read from `EngineServices` (all optional):
 * - `aiDefaultCredential()`: the instance-wide default AI credential (admin setting) when the node has none;
 * - `onAiUsage(record)`: persists token usage (the host adds user/workflow ids);
 * - `aiFetch`: fetch used to reach the AI server (default global fetch: AI servers are configured, often local);
 * - `agentMemory`: conversation store for the Agent node (see agent-memory.ts).
 */
export interface AiNodeServices {
  aiDefaultCredential?: () =>
    | Promise<Record<string, unknown> | undefined>
    | Record<string, unknown>
    | undefined;
  onAiUsage?: UsageSink;
  aiFetch?: typeof fetch;
}

export interface ModelOptions {
  model: string;
  temperature: number | undefined;
  maxTokens: number;
  timeoutMs: number;
}

/** The node's model options (item 0: they configure the node, not the item). */
export function modelOptions(ctx: NodeRunContext): ModelOptions {
  const num = (path: string, fallback: number) => {
    const v = Number(ctx.getNodeParameter(path, 0, fallback));
    return Number.isFinite(v) ? v : fallback;
  };
  return {
    model: String(ctx.getNodeParameter('model', 0, '') ?? ''),
    temperature: num('options.temperature', 0.2),
    maxTokens: num('options.maxTokens', 1024),
    timeoutMs: num('options.timeoutMs', 60_000),
  };
}

/**
 * An AI provider for an LLM node: the node's `openAiApi` credential, else the instance default, else the environment.
 * Throws a NonRetriableError with a clear message when nothing is configured.
 */
export async function providerForNode(ctx: NodeRunContext, options: ModelOptions): Promise<AiProvider> {
  const services = ctx.services as AiNodeServices;
  let credential: Record<string, unknown> | undefined;
  if (ctx.node.credentials?.openAiApi) credential = await ctx.getCredentials('openAiApi');
  else if (services.aiDefaultCredential) credential = await services.aiDefaultCredential();
  try {
    const config = resolveAiConfig({
      credential,
      model: options.model || undefined,
      timeoutMs: options.timeoutMs,
    });
    return createAiProvider(config, { onUsage: services.onAiUsage, fetch: services.aiFetch });
  } catch (err) {
    throw new NonRetriableError(err instanceof Error ? err.message : String(err));
  }
}

/** Map AI errors to the engine's retry intent: rate limits and outages retry (retryOnFail), the rest do not. */
export function toNodeError(err: unknown, itemIndex?: number): Error {
  if (err instanceof AiError) {
    if (err.retryable) return Object.assign(new Error(err.message, { cause: err }), { itemIndex });
    return new NonRetriableError(err.message, { itemIndex, cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}
