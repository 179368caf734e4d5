import { z } from 'zod';
import type { AiProvider } from './client.ts';
import { badOutput } from './errors.ts';
import type { ChatRequest, ChatResult } from './types.ts';

/** Refuse to parse model output beyond this size (bounded memory for untrusted input). */
export const MAX_MODEL_OUTPUT_CHARS = 512_000;

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parse untrusted model text as JSON, tolerating a surrounding ```json fence but nothing else.
 * @example parseModelJson('```json\n{"a":1}\n```') // { ok: true, value: { a: 1 } }
 */
export function parseModelJson(text: string | null | undefined): JsonParseResult {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, error: 'the answer was empty' };
  if (text.length > MAX_MODEL_OUTPUT_CHARS) return { ok: false, error: 'the answer was too large' };
  let body = text.trim();
  const fence = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(body);
  if (fence) body = fence[1].trim();
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    return { ok: false, error: `the answer is not valid JSON (${(err as Error).message})` };
  }
}

/** Zod issues as short lines a model (or a person) can act on. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/** JSON schema for a zod schema, in the form Chat Completions `response_format` accepts. */
export function toResponseSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

export interface StructuredRequest<T> extends Omit<ChatRequest, 'jsonSchema' | 'tools' | 'toolChoice'> {
  schema: z.ZodType<T>;
  schemaName: string;
  /** Extra model calls allowed to repair an invalid answer (bounded; default 1). */
  repairAttempts?: number;
  /** Send this JSON schema instead of one derived from `schema` (a user-written schema, validated by `schema`). */
  responseSchema?: Record<string, unknown>;
}

export interface StructuredResult<T> {
  value: T;
  calls: ChatResult[];
}

/**
 * Ask for an answer following `schema` (structured outputs), validate it with zod, and on invalid output ask the
 * model to repair it, at most `repairAttempts` times. Throws `ai_bad_output` with the issues when it stays invalid.
 * @example const { value } = await chatStructured(ai, { messages, schema: z.object({ name: z.string() }), schemaName: 'name' });
 */
export async function chatStructured<T>(
  ai: AiProvider,
  req: StructuredRequest<T>,
): Promise<StructuredResult<T>> {
  const { schema, schemaName, repairAttempts = 1, responseSchema, ...rest } = req;
  const jsonSchema = { name: schemaName, schema: responseSchema ?? toResponseSchema(schema) };
  const messages = [...rest.messages];
  const calls: ChatResult[] = [];
  let lastProblems: string[] = [];
  for (let round = 0; round <= Math.min(3, Math.max(0, repairAttempts)); round++) {
    const result = await ai.chat({ ...rest, messages, jsonSchema });
    calls.push(result);
    const parsed = parseModelJson(result.content);
    if (parsed.ok) {
      const checked = schema.safeParse(parsed.value);
      if (checked.success) return { value: checked.data, calls };
      lastProblems = formatIssues(checked.error);
    } else {
      lastProblems = [parsed.error];
    }
    messages.push(
      { role: 'assistant', content: (result.content ?? '').slice(0, 20_000) },
      {
        role: 'user',
        content: `Your answer was rejected:\n- ${lastProblems.join('\n- ')}\nAnswer again with JSON only, following the schema "${schemaName}".`,
      },
    );
  }
  throw badOutput(
    `The AI answer did not match the expected format: ${lastProblems.join('; ')}`,
    lastProblems,
  );
}
