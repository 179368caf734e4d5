import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { agentDescription } from '@tandem/shared/nodes';
import { runAgent, type ToolCallRecord } from '../ai/nodes/agent-loop.ts';
import { type AgentMemoryStore, memoryWindow } from '../ai/nodes/agent-memory.ts';
import { buildAgentTools } from '../ai/nodes/agent-tools.ts';
import { modelOptions, providerForNode, toNodeError } from '../ai/nodes/node-ai.ts';
import { AiError } from '../ai/provider/errors.ts';
import type { ChatMessage } from '../ai/provider/types.ts';

/**
 * AI Agent: per item, a tool-calling loop (HTTP Request, Code, sub-workflow tools) bounded by `maxIterations`.
 * The item gets `output`, `iterations` and `toolCalls` (every call with arguments, result or error, duration), and
 * each call is logged to the run. With a memory key, the conversation is loaded from and saved to
 * `services.agentMemory` (scoped by the host).
 */
export async function executeAgent(ctx: NodeRunContext): Promise<NodeOutput> {
  const items: Item[] = ctx.inputs[0] ?? [];
  const options = modelOptions(ctx);
  const tools = buildAgentTools(ctx);
  const maxIterations = Number(ctx.getNodeParameter('maxIterations', 0, 6)) || 6;
  const window = Number(ctx.getNodeParameter('memoryWindow', 0, 10)) || 10;
  const stopOnToolError = ctx.getNodeParameter('stopOnToolError', 0, false) === true;
  const memory = ctx.services.agentMemory as AgentMemoryStore | undefined;
  const ai = await providerForNode(ctx, options);
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    let toolCalls: ToolCallRecord[] = [];
    try {
      const prompt = String(ctx.getNodeParameter('prompt', i, '') ?? '');
      if (!prompt.trim()) throw new NonRetriableError('The prompt is empty', { itemIndex: i });
      const system = String(ctx.getNodeParameter('systemMessage', i, '') ?? '');
      const key = String(ctx.getNodeParameter('memoryKey', i, '') ?? '').trim();
      if (key && !memory)
        throw new NonRetriableError('Agent memory is not available on this instance', { itemIndex: i });
      const history = key && memory ? memoryWindow(await memory.load(key), window) : [];
      const messages: ChatMessage[] = [
        ...(system ? [{ role: 'system' as const, content: system }] : []),
        ...history,
        { role: 'user', content: prompt },
      ];
      const result = await runAgent({
        ai,
        messages,
        tools,
        maxIterations,
        stopOnToolError,
        temperature: options.temperature,
        maxTokens: options.maxTokens,
        signal: ctx.signal,
      });
      toolCalls = result.toolCalls;
      if (key && memory) await memory.save(key, memoryWindow(result.messages, window));
      for (const c of toolCalls)
        ctx.log(`tool ${c.tool} (${c.durationMs} ms)${c.error ? `: error ${c.error}` : ''}`);
      out.push({
        json: {
          ...items[i].json,
          output: result.output,
          iterations: result.iterations,
          toolCalls: toJson(toolCalls),
        },
        pairedItem: { item: i },
      });
    } catch (err) {
      toolCalls = (err as { toolCalls?: ToolCallRecord[] }).toolCalls ?? toolCalls;
      if (!ctx.continueOnFail) {
        if (err instanceof NonRetriableError || err instanceof NodeOperationError) throw err;
        if (err instanceof AiError && err.code === 'ai_budget_exceeded')
          throw new NonRetriableError(err.message, { itemIndex: i });
        if (err instanceof AiError) throw toNodeError(err, i);
        throw new NodeOperationError((err as Error).message, { itemIndex: i, cause: err });
      }
      out.push({
        json: { ...items[i].json, error: (err as Error).message, toolCalls: toJson(toolCalls) },
        pairedItem: { item: i },
      });
    }
  }
  return [out];
}

/** Run data must be plain JSON. */
function toJson(calls: ToolCallRecord[]): unknown {
  return JSON.parse(JSON.stringify(calls));
}

export const agentNode: NodeType = { description: agentDescription, execute: executeAgent };
