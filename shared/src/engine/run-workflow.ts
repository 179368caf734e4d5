import { canonicalNodeType, type WorkflowNode } from '../schema/workflow.ts';
import { ancestors, buildGraph, connectedInputCount, type Edge, type Graph, graphOf } from './graph.ts';
import { runNode } from './run-node.ts';
import { startNodeFor } from './start-node.ts';
import type {
  ExecutionInfo,
  Item,
  NodeErrorData,
  NodeOutput,
  NodeType,
  RunData,
  RunResult,
  RunStatus,
  RunWorkflowOptions,
  SourceRef,
  TaskData,
  WorkflowInfo,
} from './types.ts';

/** A node run waiting on the stack, or a multi-input node collecting its inputs. */
interface Pending {
  node: string;
  inputs: (Item[] | undefined)[];
  source: (SourceRef | null)[];
}

const MAX_NODE_RUNS = 1_000_000;

/** Normalise pinned/trigger data: bare objects become `{json}` items. */
export function toItems(data: unknown[]): Item[] {
  return data.map((d) => {
    const o = d as Item;
    return o && typeof o === 'object' && 'json' in o && typeof o.json === 'object'
      ? o
      : { json: (d ?? {}) as Item['json'] };
  });
}

/**
 * Run a workflow (or part of it) and return n8n-shaped run data. Pure: all I/O comes from `services`.
 * See ARCHITECTURE.md for the scheduling rules.
 * @example const r = await runWorkflow({ workflow, nodeTypes, services: { now: Date.now } })
 */
export async function runWorkflow(opts: RunWorkflowOptions): Promise<RunResult> {
  const startedAt = opts.services.now();
  const exec = new Execution(opts, startedAt);
  const result = await exec.run();
  opts.hooks?.workflowFinished?.(result);
  return result;
}

class Execution {
  opts: RunWorkflowOptions;
  graph: Graph;
  v1: boolean;
  runData: RunData = {};
  stack: Pending[] = [];
  waiting = new Map<string, Pending[]>();
  allowed: Set<string> | null = null;
  signal: AbortSignal;
  timedOut = false;
  timer: ReturnType<typeof setTimeout> | undefined;
  unlink: (() => void) | undefined;
  workflowInfo: WorkflowInfo;
  execution: ExecutionInfo;
  pinData: Record<string, Item[]>;
  nodeStates = new Map<string, Record<string, unknown>>();
  staticData: Record<string, unknown>;
  startedAt: number;
  lastNode?: string;

  constructor(opts: RunWorkflowOptions, startedAt: number) {
    this.opts = opts;
    this.startedAt = startedAt;
    const wf = opts.workflow;
    this.graph = opts.immutableWorkflow ? graphOf(wf) : buildGraph(wf);
    const settings = wf.settings ?? {};
    this.v1 = settings.executionOrder === 'v1';
    this.workflowInfo = {
      id: wf.id,
      name: wf.name,
      active: wf.active ?? false,
      timezone: settings.timezone || opts.defaultTimezone || 'America/New_York',
      settings,
    };
    this.execution = {
      id: opts.executionId ?? 'local',
      mode: opts.mode ?? 'manual',
      resumeUrl: typeof opts.services.resumeUrl === 'string' ? opts.services.resumeUrl : undefined,
      customData: opts.customData ?? {},
    };
    const pins = opts.pinData ?? ((opts.mode ?? 'manual') === 'manual' ? wf.pinData : undefined) ?? {};
    this.pinData = Object.fromEntries(Object.entries(pins).map(([k, v]) => [k, toItems(v as unknown[])]));
    this.staticData = opts.services.staticData ?? {};
    const timeoutMs =
      opts.timeoutMs ??
      (settings.executionTimeout && settings.executionTimeout > 0 ? settings.executionTimeout * 1000 : 0);
    const ctrl = new AbortController();
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        ctrl.abort(new Error(`Execution timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    // The caller's abort is forwarded into this run's own controller for the run's duration: the same signal as
    // AbortSignal.any([opts.signal, ctrl.signal]), without its per-run weak references and finalization.
    const outer = opts.signal;
    if (outer?.aborted) ctrl.abort(outer.reason);
    else if (outer) {
      const forward = () => ctrl.abort(outer.reason);
      outer.addEventListener('abort', forward, { once: true });
      this.unlink = () => outer.removeEventListener('abort', forward);
    }
    this.signal = ctrl.signal;
  }

  type(node: WorkflowNode): NodeType | undefined {
    return (
      this.opts.nodeTypes.get(node.type, node.typeVersion) ??
      this.opts.nodeTypes.get(canonicalNodeType(node.type), node.typeVersion)
    );
  }

  async run(): Promise<RunResult> {
    try {
      return await this.runInner();
    } finally {
      if (this.timer) clearTimeout(this.timer);
      this.unlink?.();
    }
  }

  finish(status: RunStatus, error?: NodeErrorData, waitTill?: number | null): RunResult {
    const r: RunResult = {
      status,
      runData: this.runData,
      lastNodeExecuted: this.lastNode,
      startedAt: this.startedAt,
      finishedAt: this.opts.services.now(),
    };
    if (error) r.error = error;
    if (waitTill !== undefined) r.waitTill = waitTill;
    return r;
  }

  async runInner(): Promise<RunResult> {
    const { opts, graph } = this;
    const dest = opts.destinationNode;
    if (dest && !graph.nodes.has(dest)) {
      return this.finish('error', { name: 'WorkflowError', message: `Node "${dest}" does not exist` });
    }
    if (dest && opts.runNodeOnly) return this.runSingle(dest);
    if (dest) this.allowed = new Set([...ancestors(graph, dest), dest]);
    const start = startNodeFor(this.graph, opts, (n) => this.type(n), this.allowed);
    if (!start)
      return this.finish('error', {
        name: 'WorkflowError',
        message: 'The workflow has no node to start from',
      });
    this.stack.push({ node: start, inputs: [toItems(opts.triggerItems ?? [{ json: {} }])], source: [null] });
    let runs = 0;
    for (;;) {
      let next = this.stack.shift();
      if (!next) next = this.takePartial();
      if (!next) break;
      if (++runs > MAX_NODE_RUNS) {
        return this.failWorkflow({ name: 'WorkflowError', message: 'Too many node runs (endless loop?)' });
      }
      if (this.signal.aborted) return this.aborted();
      const step = await this.execute(next);
      if (step) return step;
    }
    return this.finish('success');
  }

  /** Run one pending node; returns a final result when the execution must stop. */
  async execute(p: Pending): Promise<RunResult | undefined> {
    const node = this.graph.nodes.get(p.node)!;
    const runIndex = this.runData[p.node]?.length ?? 0;
    const inputs = p.inputs.map((i) => i ?? []);
    this.lastNode = p.node;
    const replayed = this.replayTask(p.node, runIndex);
    if (replayed) {
      (this.runData[p.node] ??= []).push(replayed);
      if (replayed.nodeState) this.nodeStates.set(p.node, structuredClone(replayed.nodeState));
      this.schedule(p.node, runIndex, replayed.data.main);
      return undefined;
    }
    const info = { inputItems: inputs.reduce((n, i) => n + i.length, 0) };
    this.opts.hooks?.nodeStarted?.(p.node, runIndex, info);
    const startTime = this.opts.services.now();
    const task: TaskData = {
      startTime,
      executionTime: 0,
      status: 'success',
      executionStatus: 'success',
      data: { main: [] },
      source: p.source,
    };
    if (this.opts.saveInputData) task.inputData = { main: inputs };
    const pinned = this.pinData[p.node];
    let stop: RunResult | undefined;
    if (pinned && !node.disabled) {
      task.data.main = [pinned];
      task.pinned = true;
    } else {
      const type = this.type(node);
      if (!type && !node.disabled) {
        task.status = 'error';
        task.error = {
          name: 'WorkflowError',
          message: `Unknown node type "${node.type}" v${node.typeVersion}`,
          node: p.node,
        };
        stop = this.failWorkflow(task.error);
      } else {
        const logs: string[] = [];
        const nodeState = this.nodeStates.get(p.node) ?? {};
        this.nodeStates.set(p.node, nodeState);
        const outcome = await runNode({
          node,
          type: type ?? { description: { outputs: 1 } as NodeType['description'], execute: () => [] },
          description: type?.description as NodeType['description'],
          inputs,
          source: p.source,
          runIndex,
          runData: this.runData,
          workflow: this.workflowInfo,
          execution: this.execution,
          services: this.opts.services,
          signal: this.signal,
          nodeParameters: (name) => this.graph.nodes.get(name)?.parameters,
          staticData: this.staticData,
          nodeState,
          logs,
        });
        task.data.main = outcome.output;
        if (logs.length) task.logs = logs;
        if (Object.keys(nodeState).length) task.nodeState = structuredClone(nodeState);
        if (outcome.error) task.error = outcome.error;
        if (outcome.aborted) {
          task.status = 'canceled';
          stop = this.aborted();
        } else if (outcome.fatal) {
          task.status = 'error';
          stop = this.failWorkflow(outcome.error!);
        } else if (outcome.wait) {
          task.status = 'waiting';
          task.waitTill = outcome.wait.until;
          stop = this.finish('waiting', undefined, outcome.wait.until);
        }
      }
    }
    task.executionStatus = task.status;
    task.executionTime = this.opts.services.now() - startTime;
    (this.runData[p.node] ??= []).push(task);
    await this.opts.hooks?.nodeFinished?.(p.node, runIndex, task, info);
    if (stop) {
      stop.finishedAt = this.opts.services.now();
      return stop;
    }
    this.schedule(p.node, runIndex, task.data.main);
    return undefined;
  }

  /** A recorded run to reuse instead of running the node (resume checkpoint or partial execution). */
  replayTask(name: string, runIndex: number): TaskData | undefined {
    const r = this.opts.resumeFrom?.runData[name]?.[runIndex];
    if (r && (r.status === 'success' || r.status === 'waiting')) {
      if (r.status === 'success') return r;
      const main = this.opts.resumeFrom?.resumedNodeOutput ?? r.data.main;
      return { ...r, status: 'success', executionStatus: 'success', data: { main }, waitTill: undefined };
    }
    if (this.opts.resumeFrom) return undefined;
    const prev = this.opts.previousRunData?.[name]?.[runIndex];
    if (prev?.status !== 'success' || name === this.opts.destinationNode) return undefined;
    if (this.opts.dirtyNodes?.includes(name)) return undefined;
    return prev;
  }

  /** Route a node's outputs to its children (n8n v1: depth-first by canvas position; v0: breadth-first). */
  schedule(from: string, runIndex: number, output: NodeOutput): void {
    const adds: { edge: Edge; items: Item[] }[] = [];
    const outs = this.graph.children.get(from) ?? [];
    outs.forEach((edges, o) => {
      const items = output[o];
      for (const edge of edges) {
        if (this.allowed && !this.allowed.has(edge.to)) continue;
        if (items && items.length > 0) adds.push({ edge, items });
        else if (!this.v1 && items && edge.input > 0) adds.push({ edge, items: [] });
      }
    });
    if (this.v1 && adds.length > 1) {
      const pos = (n: string) => this.graph.nodes.get(n)!.position;
      adds.sort((a, b) => pos(a.edge.to)[1] - pos(b.edge.to)[1] || pos(a.edge.to)[0] - pos(b.edge.to)[0]);
    }
    const ready: Pending[] = [];
    for (const { edge, items } of adds) {
      const src: SourceRef = {
        previousNode: from,
        previousNodeOutput: edge.output,
        previousNodeRun: runIndex,
      };
      const p = this.deliver(edge, items, src);
      if (p) ready.push(p);
    }
    if (this.v1) this.stack.unshift(...ready);
    else this.stack.push(...ready);
  }

  /** Single-input targets are ready at once; multi-input targets wait until every input has arrived. */
  deliver(edge: Edge, items: Item[], src: SourceRef): Pending | undefined {
    const n = Math.max(connectedInputCount(this.graph, edge.to), edge.input + 1);
    if (n === 1) return { node: edge.to, inputs: [items], source: [src] };
    const slots = this.waiting.get(edge.to) ?? [];
    this.waiting.set(edge.to, slots);
    let slot = slots.find((s) => s.inputs[edge.input] === undefined);
    if (!slot) {
      slot = { node: edge.to, inputs: new Array(n).fill(undefined), source: new Array(n).fill(null) };
      slots.push(slot);
    }
    slot.inputs[edge.input] = items;
    slot.source[edge.input] = src;
    if (slot.inputs.some((i) => i === undefined)) return undefined;
    slots.splice(slots.indexOf(slot), 1);
    if (!slots.length) this.waiting.delete(edge.to);
    return slot;
  }

  /**
   * When nothing else can run, a multi-input node runs with the inputs it has (if its required inputs are
   * there). Nodes whose ancestors are still waiting go last: the ancestor's output may complete them.
   */
  takePartial(): Pending | undefined {
    while (this.waiting.size) {
      const names = [...this.waiting.keys()];
      const name =
        names.find((n) => {
          const up = ancestors(this.graph, n);
          return !names.some((m) => m !== n && up.has(m));
        }) ?? names[0];
      const slots = this.waiting.get(name)!;
      const slot = slots.shift()!;
      if (!slots.length) this.waiting.delete(name);
      if (this.requiredInputsMet(name, slot)) return slot;
    }
    return undefined;
  }

  requiredInputsMet(name: string, slot: Pending): boolean {
    const node = this.graph.nodes.get(name)!;
    const req = this.type(node)?.description.requiredInputs;
    if (req === undefined) return true;
    const r = typeof req === 'function' ? req(node.parameters, node.typeVersion) : req;
    const has = (i: number) => (slot.inputs[i]?.length ?? 0) > 0;
    if (Array.isArray(r)) return r.every(has);
    return slot.inputs.filter((_, i) => has(i)).length >= r;
  }

  /** Run one node alone with its parents' output from the previous run. */
  async runSingle(dest: string): Promise<RunResult> {
    const prev = this.opts.previousRunData ?? {};
    for (const [k, v] of Object.entries(prev)) if (k !== dest) this.runData[k] = v;
    const parents = this.graph.parents.get(dest) ?? [];
    const inputs: Item[][] = [];
    const source: (SourceRef | null)[] = [];
    parents.forEach((edges, i) => {
      inputs[i] = [];
      source[i] = null;
      for (const e of edges) {
        const runs = prev[e.from];
        if (!runs?.length) continue;
        inputs[i] = runs[runs.length - 1].data.main[e.output] ?? [];
        source[i] = { previousNode: e.from, previousNodeOutput: e.output, previousNodeRun: runs.length - 1 };
        break;
      }
    });
    if (!parents.length) {
      inputs.push(toItems(this.opts.triggerItems ?? [{ json: {} }]));
      source.push(null);
    }
    const stop = await this.execute({ node: dest, inputs, source });
    return stop ?? this.finish('success');
  }

  aborted(): RunResult {
    if (this.timedOut) {
      const reason = this.signal.reason as Error | undefined;
      return this.failWorkflow({ name: 'TimeoutError', message: reason?.message ?? 'Execution timed out' });
    }
    return this.finish('canceled', { name: 'AbortError', message: 'Execution was canceled' });
  }

  failWorkflow(error: NodeErrorData): RunResult {
    return this.finish('error', error);
  }
}
