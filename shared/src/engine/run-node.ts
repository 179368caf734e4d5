import type { WorkflowNode } from '../schema/workflow.ts';
import { type ContextInput, createNodeContext, defaultSleep } from './node-context.ts';
import { assignDefaultPairedItems } from './paired-items.ts';
import {
  type Item,
  type NodeErrorData,
  NodeOperationError,
  type NodeOutput,
  type NodeType,
  NonRetriableError,
  RetryAfterError,
} from './types.ts';

/** Outcome of one node run, after retries and error handling. */
export interface NodeRunOutcome {
  output: NodeOutput;
  /** Set when the node failed (also when continued). */
  error?: NodeErrorData;
  /** true = the failure stops the workflow. */
  fatal: boolean;
  /** Set when the node parked the execution. */
  wait?: { until: number | null };
  aborted?: boolean;
}

export type RunNodeInput = Omit<ContextInput, 'continueOnFail' | 'onWait'> & { type: NodeType };

export function effectiveOnError(
  node: WorkflowNode,
): 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput' {
  if (node.onError) return node.onError;
  return node.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow';
}

/** Keep only stack frames that are not Tandem's or Node's own (the Code node puts the user's frames there). */
function authorStack(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n');
  const frames = lines
    .slice(1)
    .filter(
      (l) => !/(\/shared\/src\/|\/worker\/src\/|\/api\/src\/|node:internal|node_modules|\(native\))/.test(l),
    );
  if (!frames.length) return undefined;
  return [lines[0], ...frames].join('\n');
}

/** Normalise an error thrown by a node into run-data form (message and the author's stack, no internals). */
export function toErrorData(err: unknown, node: string, now: number): NodeErrorData {
  if (err instanceof Error) {
    const e = err as Error & {
      description?: string;
      itemIndex?: number;
      httpCode?: string;
      context?: unknown;
    };
    return {
      name: e.name,
      message: e.message || 'Unknown error',
      description: e.description,
      stack: authorStack(e.stack),
      node,
      itemIndex: e.itemIndex,
      httpCode: e.httpCode,
      timestamp: now,
    };
  }
  return {
    name: 'Error',
    message: typeof err === 'string' ? err : 'Node threw a non-error value',
    node,
    timestamp: now,
  };
}

function validateOutput(out: unknown, node: string): NodeOutput {
  if (!Array.isArray(out)) throw new NodeOperationError(`Node "${node}" returned no output array`);
  for (const branch of out) {
    if (branch === null || branch === undefined) continue;
    if (!Array.isArray(branch))
      throw new NodeOperationError(`Node "${node}" returned an invalid output branch`);
    for (const it of branch as Item[]) {
      if (!it || typeof it.json !== 'object' || it.json === null || Array.isArray(it.json)) {
        throw new NodeOperationError(`Node "${node}" returned an item without a "json" object`);
      }
    }
  }
  return out as NodeOutput;
}

// One abort listener per signal, whatever the number of node runs waiting on it: EventTarget listeners are
// slow to add and remove, and every node run would add and remove one. The set rides on the signal (symbol key)
// rather than in a WeakMap: V8's young-generation GC keeps WeakMap entries, which promoted every run's closures
// (and all they reach) to the old generation, freed only by full GCs.
const WAITING = Symbol('node runs waiting on this signal');
type Waited = AbortSignal & { [WAITING]?: Set<(reason: unknown) => void> };

/** Rejects when the signal aborts, so a node that ignores its signal does not hold the execution. */
function abortable<T>(p: Promise<T> | T, signal: Waited): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let set = signal[WAITING];
  if (!set) {
    const rejects = new Set<(reason: unknown) => void>();
    signal[WAITING] = set = rejects;
    signal.addEventListener(
      'abort',
      () => {
        for (const reject of rejects) reject(signal.reason);
        rejects.clear();
      },
      { once: true },
    );
  }
  const rejects = set;
  return new Promise<T>((resolve, reject) => {
    rejects.add(reject);
    Promise.resolve(p).then(
      (v) => {
        rejects.delete(reject);
        resolve(v);
      },
      (e) => {
        rejects.delete(reject);
        reject(e);
      },
    );
  });
}

/**
 * Run one node: disabled pass-through, executeOnce, retries, onError, alwaysOutputData, paired items.
 * Never throws (except nothing): failures are returned in the outcome.
 */
export async function runNode(input: RunNodeInput): Promise<NodeRunOutcome> {
  const { node, type, signal, services } = input;
  if (node.disabled) return { output: [input.inputs[0] ?? []], fatal: false };
  const onError = effectiveOnError(node);
  const continueOnFail = onError !== 'stopWorkflow';
  const inputs = node.executeOnce ? input.inputs.map((i) => (i ?? []).slice(0, 1)) : input.inputs;
  const maxTries = node.retryOnFail ? Math.max(1, Math.min(node.maxTries ?? 3, 10)) : 1;
  const waitBetween = node.waitBetweenTries ?? 1000;
  const sleep = services.sleep ?? defaultSleep;
  let wait: { until: number | null } | undefined;
  let lastErr: unknown;
  for (let attempt = 1; attempt <= maxTries; attempt++) {
    wait = undefined;
    const ctx = createNodeContext({
      ...input,
      inputs,
      continueOnFail,
      onWait: (until) => {
        wait = { until: until ? until.getTime() : null };
      },
    });
    try {
      const raw = await abortable(type.execute(ctx), signal);
      const output = validateOutput(raw, node.name);
      finishOutput(output, inputs, node, type);
      return { output, fatal: false, wait };
    } catch (err) {
      lastErr = err;
      if (signal.aborted) {
        return {
          output: [],
          error: toErrorData(signal.reason ?? err, node.name, services.now()),
          fatal: true,
          aborted: true,
        };
      }
      if (err instanceof NonRetriableError || attempt === maxTries) break;
      const delay = err instanceof RetryAfterError ? Math.max(err.retryAfterMs, waitBetween) : waitBetween;
      try {
        if (delay > 0) await sleep(delay, signal);
      } catch {
        return {
          output: [],
          error: toErrorData(signal.reason, node.name, services.now()),
          fatal: true,
          aborted: true,
        };
      }
    }
  }
  const error = toErrorData(lastErr, node.name, services.now());
  if (!continueOnFail) return { output: [], error, fatal: true };
  const passed = (inputs[0] ?? []).map((it, i) => ({ ...it, pairedItem: { item: i } }));
  const items = passed.length ? passed : [{ json: {}, pairedItem: { item: 0 } }];
  if (onError === 'continueRegularOutput') {
    return {
      output: [items.map((it) => ({ ...it, json: { ...it.json, error: error.message } }))],
      error,
      fatal: false,
    };
  }
  const outputs = regularOutputCount(node, type);
  const out: NodeOutput = Array.from({ length: outputs + 1 }, () => []);
  out[outputs] = items.map((it) => ({ ...it, json: { ...it.json, error: error.message }, error }));
  return { output: out, error, fatal: false };
}

export function regularOutputCount(node: WorkflowNode, type: NodeType): number {
  const o = type.description.outputs;
  return typeof o === 'function' ? o(node.parameters, node.typeVersion) : o;
}

/** Error output routing, alwaysOutputData and default paired items. */
function finishOutput(output: NodeOutput, inputs: Item[][], node: WorkflowNode, type: NodeType): void {
  if (effectiveOnError(node) === 'continueErrorOutput') {
    const n = regularOutputCount(node, type);
    while (output.length < n + 1) output.push([]);
    const errs: Item[] = (output[n] ??= []);
    for (let o = 0; o < n; o++) {
      const branch = output[o];
      if (!branch?.some((it) => it.error)) continue;
      output[o] = branch.filter((it) => {
        if (it.error) errs.push(it);
        return !it.error;
      });
    }
  }
  if (node.alwaysOutputData && output.every((b) => !b || b.length === 0)) {
    output[0] = [{ json: {}, pairedItem: { item: 0 } }];
  }
  assignDefaultPairedItems(inputs[0]?.length ?? 0, output);
}
