import type { AiProvider } from '../provider/client.ts';
import { AiError } from '../provider/errors.ts';
import type { ChatMessage, TokenUsage } from '../provider/types.ts';
import { type AgentTool, clip } from './agent-tools.ts';

/** One tool call as recorded in the run data. */
export interface ToolCallRecord {
  iteration: number;
  tool: string;
  arguments: unknown;
  result?: unknown;
  error?: string;
  durationMs: number;
}

export interface AgentRunResult {
  output: string;
  toolCalls: ToolCallRecord[];
  iterations: number;
  /** The conversation including this turn (for memory). */
  messages: ChatMessage[];
  usage: TokenUsage;
}

export interface AgentRunOptions {
  ai: AiProvider;
  messages: ChatMessage[];
  tools: AgentTool[];
  maxIterations: number;
  stopOnToolError: boolean;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

/**
 * The tool-calling loop: call the model; run the tools it asks for (arguments are untrusted JSON, checked before
 * use); feed results back; stop at a final answer or after `maxIterations` model calls (then throw).
 */
export async function runAgent(o: AgentRunOptions): Promise<AgentRunResult> {
  const messages = [...o.messages];
  const byName = new Map(o.tools.map((t) => [t.definition.name, t]));
  const toolCalls: ToolCallRecord[] = [];
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const max = Math.min(25, Math.max(1, Math.floor(o.maxIterations)));
  for (let iteration = 1; iteration <= max; iteration++) {
    const r = await o.ai.chat({
      messages,
      tools: o.tools.length ? o.tools.map((t) => t.definition) : undefined,
      toolChoice: o.tools.length ? 'auto' : undefined,
      temperature: o.temperature,
      maxTokens: o.maxTokens,
      signal: o.signal,
      operation: 'node:agent',
    });
    usage.promptTokens += r.usage.promptTokens;
    usage.completionTokens += r.usage.completionTokens;
    usage.totalTokens += r.usage.totalTokens;
    if (!r.toolCalls.length) {
      messages.push({ role: 'assistant', content: r.content ?? '' });
      return { output: r.content ?? '', toolCalls, iterations: iteration, messages, usage };
    }
    messages.push({
      role: 'assistant',
      content: r.content,
      tool_calls: r.toolCalls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    });
    for (const call of r.toolCalls) {
      const started = Date.now();
      const record: ToolCallRecord = { iteration, tool: call.name, arguments: call.arguments, durationMs: 0 };
      let content: string;
      try {
        const tool = byName.get(call.name);
        if (!tool) throw new Error(`there is no tool named "${call.name}"`);
        let args: unknown;
        try {
          args = call.arguments.trim() ? JSON.parse(call.arguments) : {};
        } catch {
          throw new Error('the tool arguments are not valid JSON');
        }
        if (!args || typeof args !== 'object' || Array.isArray(args))
          throw new Error('the tool arguments must be a JSON object');
        record.arguments = args;
        const result = await tool.run(args as Record<string, unknown>);
        record.result = result;
        content = clip(result);
      } catch (err) {
        if (o.signal?.aborted) throw err;
        record.error = (err as Error).message;
        if (o.stopOnToolError) {
          record.durationMs = Date.now() - started;
          toolCalls.push(record);
          throw Object.assign(new Error(`Tool "${call.name}" failed: ${record.error}`), { toolCalls });
        }
        content = `error: ${record.error}`;
      }
      record.durationMs = Date.now() - started;
      toolCalls.push(record);
      messages.push({ role: 'tool', tool_call_id: call.id, content });
    }
  }
  throw Object.assign(
    new AiError('ai_budget_exceeded', `The agent did not finish within ${max} iterations`),
    { toolCalls },
  );
}
