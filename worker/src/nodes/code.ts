import type { Item, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { codeDescription } from '@tandem/shared/nodes';
import {
  CodeExecutionError,
  type CodeMode,
  type CodeRunMeta,
  type CodeSandbox,
  getDefaultSandbox,
  type NodeDataQuery,
} from '../sandbox/index.ts';

/** Answers `$('Node')…` from the execution's run data (last run of that node unless a run index is given). */
function nodeDataAccessor(ctx: NodeRunContext): (q: NodeDataQuery) => unknown {
  return (q) => {
    const runs = ctx.runData[q.node];
    if (q.kind === 'isExecuted') return Array.isArray(runs) && runs.length > 0;
    if (q.kind === 'params') {
      return ctx.evaluateExpression(`={{ $(${JSON.stringify(q.node)}).params }}`, 0);
    }
    if (!runs || runs.length === 0) {
      throw new Error(`Referenced node "${q.node}" has not run (yet) in this execution`);
    }
    if (q.kind === 'item') return ctx.resolvePairedItem(q.node, q.itemIndex ?? 0);
    const run = runs[q.runIndex ?? runs.length - 1];
    const items: Item[] = run?.data?.main?.[q.branchIndex ?? 0] ?? [];
    if (q.kind === 'all') return items.map(({ json, binary }) => (binary ? { json, binary } : { json }));
    return q.kind === 'first' ? items[0] : items[items.length - 1];
  };
}

function meta(ctx: NodeRunContext, code: string): CodeRunMeta {
  const m: CodeRunMeta = {
    workflow: { id: ctx.workflow.id, name: ctx.workflow.name, active: ctx.workflow.active },
    execution: {
      id: ctx.execution.id,
      mode: ctx.execution.mode === 'manual' ? 'test' : 'production',
      resumeUrl: ctx.execution.resumeUrl,
      customData: ctx.execution.customData,
    },
    runIndex: ctx.runIndex,
    timezone: ctx.workflow.timezone,
    params: ctx.rawParameters,
  };
  if (code.includes('$getWorkflowStaticData')) {
    m.staticData = {
      global: ctx.staticData.global as Record<string, unknown> | undefined,
      node: ctx.staticData[`node:${ctx.node.name}`] as Record<string, unknown> | undefined,
    };
  }
  if (code.includes('$prevNode')) {
    m.prevNode = ctx.evaluateExpression('={{ $prevNode }}', 0) as CodeRunMeta['prevNode'];
  }
  return m;
}

function toNodeError(err: unknown): Error {
  if (!(err instanceof CodeExecutionError)) return err as Error;
  const retriable = err.kind === 'user' || err.kind === 'timeout' || err.kind === 'memory';
  const error = retriable
    ? new NodeOperationError(err.message, { description: err.description })
    : new NonRetriableError(err.message);
  if (!retriable && err.description)
    (error as NonRetriableError & { description?: string }).description = err.description;
  // Only the user's frames: the run data shows the author where their code failed, never our internals.
  error.stack = err.userStack ?? `${error.name}: ${err.message}`;
  return error;
}

/**
 * Code node v2 (JavaScript): runs `jsCode` in the isolated-vm sandbox in `mode` runOnceForAllItems or
 * runOnceForEachItem; console output goes to the run's logs. The host may pass its own sandbox (with the
 * admin's limits) as `services.codeSandbox`.
 */
export async function executeCode(ctx: NodeRunContext): Promise<NodeOutput> {
  const language = ctx.rawParameters.language ?? 'javaScript';
  if (language !== 'javaScript') {
    throw new NonRetriableError(
      `The Code node language "${String(language)}" is not supported; use JavaScript`,
    );
  }
  const code = ctx.rawParameters.jsCode;
  if (typeof code !== 'string') throw new NonRetriableError('The Code node has no JavaScript code (jsCode)');
  const mode = (ctx.rawParameters.mode ?? 'runOnceForAllItems') as CodeMode;
  const sandbox = (ctx.services.codeSandbox as CodeSandbox | undefined) ?? getDefaultSandbox();
  try {
    const result = await sandbox.run({
      code,
      mode,
      items: ctx.inputs[0] ?? [],
      meta: meta(ctx, code),
      nodeData: nodeDataAccessor(ctx),
      signal: ctx.signal,
    });
    for (const line of result.logs) ctx.log(line);
    // n8n's layout of workflow static data: `global` and `node:<name>`.
    if (result.staticData?.global) ctx.staticData.global = result.staticData.global;
    if (result.staticData?.node) ctx.staticData[`node:${ctx.node.name}`] = result.staticData.node;
    return [result.items];
  } catch (err) {
    throw toNodeError(err);
  }
}

export const codeNode: NodeType = { description: codeDescription, execute: executeCode };
