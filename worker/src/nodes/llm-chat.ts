import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { llmChatDescription } from '@tandem/shared/nodes';
import { z } from 'zod';
import { modelOptions, providerForNode, toNodeError } from '../ai/nodes/node-ai.ts';
import { chatStructured } from '../ai/provider/structured.ts';
import type { ChatMessage } from '../ai/provider/types.ts';

/** Parse the node's JSON schema parameter into a schema to send and a zod validator for the answer. */
export function userSchema(raw: unknown): { json: Record<string, unknown>; zod: z.ZodType } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new NonRetriableError('The JSON schema is not valid JSON');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new NonRetriableError('The JSON schema must be an object');
  try {
    return { json: value as Record<string, unknown>, zod: z.fromJSONSchema(value as never) };
  } catch (err) {
    throw new NonRetriableError(`The JSON schema is not usable: ${(err as Error).message}`);
  }
}

/**
 * LLM Chat: one model call per item with the item's resolved prompts. Text mode writes the answer to `outputField`;
 * JSON mode validates the answer against the schema (one repair call) and merges an object answer into the item.
 */
export async function executeLlmChat(ctx: NodeRunContext): Promise<NodeOutput> {
  const items: Item[] = ctx.inputs[0] ?? [];
  const options = modelOptions(ctx);
  const ai = await providerForNode(ctx, options);
  const mode = String(ctx.getNodeParameter('outputMode', 0, 'text'));
  const schema = mode === 'jsonSchema' ? userSchema(ctx.getNodeParameter('jsonSchema', 0, '')) : undefined;
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const system = String(ctx.getNodeParameter('systemMessage', i, '') ?? '');
      const prompt = String(ctx.getNodeParameter('prompt', i, '') ?? '');
      if (!prompt.trim()) throw new NonRetriableError('The prompt is empty', { itemIndex: i });
      const messages: ChatMessage[] = [
        ...(system ? [{ role: 'system' as const, content: system }] : []),
        { role: 'user', content: prompt },
      ];
      const common = {
        messages,
        temperature: options.temperature,
        maxTokens: options.maxTokens,
        signal: ctx.signal,
        operation: 'node:llmChat',
      };
      let json: Record<string, unknown>;
      if (schema) {
        const { value } = await chatStructured(ai, {
          ...common,
          schema: schema.zod,
          schemaName: 'output',
          responseSchema: schema.json,
        });
        json =
          value && typeof value === 'object' && !Array.isArray(value)
            ? { ...items[i].json, ...value }
            : { ...items[i].json, output: value };
      } else {
        const r = await ai.chat(common);
        json = {
          ...items[i].json,
          [String(ctx.getNodeParameter('outputField', i, 'text') || 'text')]: r.content ?? '',
        };
      }
      out.push({ json, pairedItem: { item: i } });
    } catch (err) {
      if (!ctx.continueOnFail)
        throw err instanceof NodeOperationError || err instanceof NonRetriableError
          ? err
          : toNodeError(err, i);
      out.push({ json: { ...items[i].json, error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const llmChatNode: NodeType = { description: llmChatDescription, execute: executeLlmChat };
