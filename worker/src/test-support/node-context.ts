import {
  type EngineServices,
  type Item,
  type NodeDescription,
  type NodeOutput,
  type NodeRunContext,
  NonRetriableError,
  type RunData,
  resolvePairedItem,
  type SourceRef,
  type SubWorkflowRequest,
  type SubWorkflowResult,
  type WebhookResponse,
} from '@tandem/shared/engine';
import { ItemDataScope, resolveParameter } from '@tandem/shared/expression';
import type { NodeParameters, WorkflowNode } from '@tandem/shared/schema';

export interface TestContextOptions {
  parameters?: NodeParameters;
  /** Items of input 0 (or every input with `inputs`). */
  items?: Item[];
  inputs?: Item[][];
  credentials?: Record<string, Record<string, unknown>>;
  services?: Partial<EngineServices>;
  signal?: AbortSignal;
  node?: Partial<WorkflowNode>;
  runData?: RunData;
  source?: (SourceRef | null)[];
  timezone?: string;
  continueOnFail?: boolean;
  executionId?: string;
  resumeUrl?: string;
  now?: () => number;
}

/** What a test can inspect after running a node with a context from `makeNodeContext`. */
export interface TestContextRecord {
  logs: string[];
  webhookResponses: WebhookResponse[];
  waits: (Date | null)[];
  subWorkflowCalls: Omit<SubWorkflowRequest, 'parentExecutionId' | 'signal'>[];
}

const emptyDescription: NodeDescription = {
  type: 'test',
  displayName: 'Test',
  description: '',
  group: 'transform',
  versions: [1],
  inputs: 1,
  outputs: 1,
  properties: [],
};

/**
 * A NodeRunContext for calling a node implementation directly: parameters are resolved with the real
 * expression language (`={{ $json.x }}` works per item), credentials come from `credentials[type]`.
 *
 * @example
 * const { ctx } = makeNodeContext({ parameters: { url: 'http://x' }, items: [{ json: {} }] });
 * await httpRequestNode.execute(ctx);
 */
export function makeNodeContext(opts: TestContextOptions = {}): {
  ctx: NodeRunContext;
  record: TestContextRecord;
} {
  const inputs = opts.inputs ?? [opts.items ?? [{ json: {} }]];
  const node: WorkflowNode = {
    id: 'n1',
    name: 'Node',
    type: 'test',
    typeVersion: 1,
    position: [0, 0],
    parameters: opts.parameters ?? {},
    ...opts.node,
  };
  const record: TestContextRecord = { logs: [], webhookResponses: [], waits: [], subWorkflowCalls: [] };
  const now = opts.now ?? (() => Date.now());
  const runData = opts.runData ?? {};
  const source = opts.source ?? [null];
  const execution = {
    id: opts.executionId ?? 'exec-1',
    mode: 'manual' as const,
    resumeUrl: opts.resumeUrl,
    customData: {},
  };
  const workflow = {
    id: 'wf-1',
    name: 'Test workflow',
    active: false,
    timezone: opts.timezone ?? 'UTC',
    settings: {},
  };
  const scope = new ItemDataScope({
    nodeName: node.name,
    parameters: node.parameters,
    inputs,
    source,
    runIndex: 0,
    runData,
    workflow,
    execution,
    timezone: workflow.timezone,
    now,
    nodeParameters: () => undefined,
  });
  const services: EngineServices = { now, ...opts.services };
  const signal = opts.signal ?? new AbortController().signal;
  const ctx: NodeRunContext = {
    node,
    workflow,
    execution,
    description: emptyDescription,
    inputs,
    source,
    runIndex: 0,
    signal,
    rawParameters: node.parameters,
    getNodeParameter(path, itemIndex, fallback) {
      const raw = getPath(node.parameters, path);
      if (raw === undefined) return fallback;
      scope.itemIndex = itemIndex;
      const value = resolveParameter(raw, scope, { node: node.name, parameter: path, itemIndex });
      return value === undefined ? fallback : value;
    },
    evaluateExpression(expression, itemIndex) {
      scope.itemIndex = itemIndex;
      return resolveParameter(expression, scope, { node: node.name, itemIndex });
    },
    async getCredentials(type) {
      const c = opts.credentials?.[type];
      if (!c) throw new NonRetriableError(`Node "${node.name}" has no credential of type ${type}`);
      return c;
    },
    helpers: {
      now,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      fetch: (() => {
        throw new NonRetriableError('fetch is not available in tests');
      }) as unknown as typeof fetch,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      runSubWorkflow: async (req): Promise<SubWorkflowResult> => {
        record.subWorkflowCalls.push(req);
        if (!services.runSubWorkflow) throw new NonRetriableError('Running sub-workflows is not available');
        return services.runSubWorkflow({ ...req, parentExecutionId: execution.id, signal });
      },
      sendWebhookResponse: (r) => {
        record.webhookResponses.push(r);
      },
      putExecutionToWait: (until) => {
        record.waits.push(until);
      },
    },
    continueOnFail: opts.continueOnFail ?? false,
    log: (line) => record.logs.push(line),
    staticData: {},
    nodeState: {},
    services,
    runData,
    resolvePairedItem: (nodeName, itemIndex) => resolvePairedItem(runData, source[0], itemIndex, nodeName),
  };
  return { ctx, record };
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Items of output `index` (default 0) as plain json, for compact assertions. */
export function jsonOf(output: NodeOutput, index = 0): unknown[] {
  return (output[index] ?? []).map((i) => i.json);
}
