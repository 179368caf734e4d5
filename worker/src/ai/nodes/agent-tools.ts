import type { NodeRunContext } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import type { CodeSandbox } from '../../sandbox/index.ts';
import { getDefaultSandbox } from '../../sandbox/index.ts';
import type { ToolDefinition } from '../provider/types.ts';

const MAX_RESULT_CHARS = 8_000;

export interface AgentTool {
  definition: ToolDefinition;
  run(args: Record<string, unknown>): Promise<unknown>;
}

interface ToolConfig {
  type: string;
  name: string;
  description: string;
  method: string;
  url: string;
  jsCode: string;
  workflowId: string;
}

function configs(ctx: NodeRunContext): ToolConfig[] {
  const raw = ctx.getNodeParameter('tools.tool', 0, []) as unknown;
  return (Array.isArray(raw) ? raw : []).map((t, i) => {
    const r = (t ?? {}) as Record<string, unknown>;
    const type = String(r.type ?? 'httpRequest');
    const name = String(r.name || `${type}_${i + 1}`)
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .slice(0, 64);
    return {
      type,
      name,
      description: String(r.description ?? ''),
      method: String(r.method ?? 'GET').toUpperCase(),
      url: String(r.url ?? ''),
      jsCode: String(r.jsCode ?? ''),
      workflowId: String(r.workflowId ?? ''),
    };
  });
}

/** Results go back to the model as text: bounded, so a big response cannot blow the context or the bill. */
export function clip(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? 'null').length > MAX_RESULT_CHARS
    ? `${text.slice(0, MAX_RESULT_CHARS)}…(truncated)`
    : (text ?? 'null');
}

function httpTool(ctx: NodeRunContext, c: ToolConfig): AgentTool {
  return {
    definition: {
      name: c.name,
      description: c.description || `HTTP ${c.method} ${c.url || '(any URL)'}`,
      parameters: {
        type: 'object',
        properties: {
          ...(c.url ? {} : { url: { type: 'string', description: 'Absolute http(s) URL' } }),
          query: { type: 'object', additionalProperties: { type: 'string' } },
          body: { type: 'object', description: 'JSON body (not for GET)' },
        },
        ...(c.url ? {} : { required: ['url'] }),
      },
    },
    async run(args) {
      const url = new URL(c.url || String(args.url ?? ''));
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error('only http(s) URLs are allowed');
      for (const [k, v] of Object.entries((args.query as Record<string, unknown>) ?? {}))
        url.searchParams.set(k, String(v));
      const hasBody = c.method !== 'GET' && c.method !== 'DELETE' && args.body !== undefined;
      // helpers.fetch carries the host's SSRF guard.
      const res = await ctx.helpers.fetch(url, {
        method: c.method,
        headers: hasBody ? { 'content-type': 'application/json' } : undefined,
        body: hasBody ? JSON.stringify(args.body) : undefined,
        signal: ctx.signal,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // plain text answer
      }
      return { status: res.status, body };
    },
  };
}

function codeTool(ctx: NodeRunContext, c: ToolConfig): AgentTool {
  if (!c.jsCode.trim()) throw new NonRetriableError(`Tool "${c.name}" has no code`);
  return {
    definition: {
      name: c.name,
      description: c.description || 'Runs JavaScript on the given input ($input.first().json)',
      parameters: { type: 'object', properties: { input: { type: 'object' } } },
    },
    async run(args) {
      const sandbox = (ctx.services.codeSandbox as CodeSandbox | undefined) ?? getDefaultSandbox();
      const input =
        args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : args;
      const result = await sandbox.run({
        code: c.jsCode,
        mode: 'runOnceForAllItems',
        items: [{ json: input }],
        signal: ctx.signal,
      });
      return result.items.map((i) => i.json);
    },
  };
}

function workflowTool(ctx: NodeRunContext, c: ToolConfig): AgentTool {
  if (!c.workflowId) throw new NonRetriableError(`Tool "${c.name}" has no sub-workflow`);
  return {
    definition: {
      name: c.name,
      description: c.description || `Runs workflow ${c.workflowId} with the given input`,
      parameters: { type: 'object', properties: { input: { type: 'object' } } },
    },
    async run(args) {
      const input =
        args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : args;
      const result = await ctx.helpers.runSubWorkflow({
        workflowId: c.workflowId,
        items: [{ json: input }],
        waitForCompletion: true,
      });
      return (result.data[0] ?? []).map((i) => i.json);
    },
  };
}

/** The Agent node's tools from its parameters; duplicate names and unknown types are configuration errors. */
export function buildAgentTools(ctx: NodeRunContext): AgentTool[] {
  const seen = new Set<string>();
  return configs(ctx).map((c) => {
    if (seen.has(c.name)) throw new NonRetriableError(`Two tools are named "${c.name}"`);
    seen.add(c.name);
    if (c.type === 'httpRequest') return httpTool(ctx, c);
    if (c.type === 'code') return codeTool(ctx, c);
    if (c.type === 'workflow') return workflowTool(ctx, c);
    throw new NonRetriableError(`Unknown tool type "${c.type}"`);
  });
}
