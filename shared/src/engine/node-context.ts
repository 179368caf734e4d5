import { ItemDataScope } from '../expression/data.ts';
import { evaluateExpression, resolveParameter } from '../expression/resolve.ts';
import { isDisplayed, withDefaults } from '../nodes/display.ts';
import type { NodeParameters, WorkflowNode } from '../schema/workflow.ts';
import { resolvePairedItem } from './paired-items.ts';
import {
  type EngineServices,
  type ExecutionInfo,
  type Logger,
  type NodeDescription,
  type NodeHelpers,
  type NodeInputs,
  type NodeRunContext,
  NonRetriableError,
  type ParameterDescription,
  type RunData,
  type SourceRef,
  type WorkflowInfo,
} from './types.ts';

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ContextInput {
  node: WorkflowNode;
  description: NodeDescription;
  inputs: NodeInputs;
  source: (SourceRef | null)[];
  runIndex: number;
  runData: RunData;
  workflow: WorkflowInfo;
  execution: ExecutionInfo;
  services: EngineServices;
  signal: AbortSignal;
  nodeParameters(name: string): WorkflowNode['parameters'] | undefined;
  staticData: Record<string, unknown>;
  nodeState: Record<string, unknown>;
  continueOnFail: boolean;
  logs: string[];
  /** Set when the node asked to park the execution. */
  onWait(until: Date | null): void;
}

const pathCache = new Map<string, string[]>();

function pathParts(path: string): string[] {
  let parts = pathCache.get(path);
  if (!parts) {
    parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
    if (pathCache.size > 5000) pathCache.clear();
    pathCache.set(path, parts);
  }
  return parts;
}

/** Read a dot path (`options.timeout`, `rules.values[0]`) from an object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of pathParts(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

interface DefaultsMemo {
  /** Definitions of each top-level name (most names have one). */
  byName: Map<string, ParameterDescription[]>;
  /** Per type version, per path (keys are the nodes' literal strings: no key is built per lookup). */
  values: Map<number, Map<string, unknown>>;
}

const defaultsCache = new WeakMap<ParameterDescription[], DefaultsMemo>();

function memoOf(props: ParameterDescription[]): DefaultsMemo {
  let memo = defaultsCache.get(props);
  if (!memo) {
    const byName = new Map<string, ParameterDescription[]>();
    for (const p of props) {
      const same = byName.get(p.name);
      if (same) same.push(p);
      else byName.set(p.name, [p]);
    }
    memo = { byName, values: new Map() };
    defaultsCache.set(props, memo);
  }
  return memo;
}

/**
 * Default of a parameter, memoised per description (looked up for every item). A name defined more than once
 * (Respond to Webhook's `responseBody` for JSON and for text) takes the default of the definition displayed for the
 * node's current parameters; those are not memoised.
 */
function cachedDefault(
  props: ParameterDescription[],
  path: string,
  typeVersion: number,
  parameters: NodeParameters,
): unknown {
  const memo = memoOf(props);
  let values = memo.values.get(typeVersion);
  if (!values) memo.values.set(typeVersion, (values = new Map()));
  const known = values.get(path);
  if (known !== undefined || values.has(path)) return known;
  const dot = path.indexOf('.');
  const same = memo.byName.get(dot < 0 ? path : path.slice(0, dot));
  if (same && same.length > 1) {
    const shown = same.find((p) => isDisplayed(p, withDefaults(props, parameters, typeVersion), typeVersion));
    return parameterDefault(shown ? [shown] : props, path, typeVersion);
  }
  const v = parameterDefault(props, path, typeVersion);
  values.set(path, v);
  return v;
}

/** Default of a (possibly nested collection) parameter from the description. */
export function parameterDefault(props: ParameterDescription[], path: string, typeVersion?: number): unknown {
  const [head, ...rest] = path.split('.');
  const candidates = props.filter((p) => p.name === head);
  const prop =
    candidates.find((p) => {
      const v = p.displayOptions?.show?.['@version'];
      return !v || typeVersion === undefined || v.includes(typeVersion);
    }) ?? candidates[0];
  if (!prop) return undefined;
  if (rest.length === 0) return prop.default;
  const nested = prop.children ?? prop.groups?.flatMap((g) => g.values) ?? [];
  return parameterDefault(nested, rest.join('.'), typeVersion);
}

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Build the context a node implementation runs with. */
export function createNodeContext(input: ContextInput): NodeRunContext {
  const { node, services, signal, description } = input;
  const scope = new ItemDataScope({
    nodeName: node.name,
    parameters: node.parameters,
    inputs: input.inputs,
    source: input.source,
    runIndex: input.runIndex,
    runData: input.runData,
    workflow: { id: input.workflow.id, name: input.workflow.name, active: input.workflow.active },
    execution: input.execution,
    timezone: input.workflow.timezone,
    now: () => services.now(),
    nodeParameters: input.nodeParameters,
  });
  const missing = (what: string) => () => {
    throw new NonRetriableError(`${what} is not available in this environment`);
  };
  const sleep = services.sleep ?? defaultSleep;
  const helpers: NodeHelpers = {
    now: () => services.now(),
    logger: services.logger ?? silentLogger,
    fetch: services.fetch ?? (missing('HTTP') as unknown as typeof fetch),
    sleep: (ms) => sleep(ms, signal),
    runSubWorkflow: (req) => {
      if (!services.runSubWorkflow) return missing('Running sub-workflows')();
      return services.runSubWorkflow({ ...req, parentExecutionId: input.execution.id, signal });
    },
    sendWebhookResponse: (r) => {
      if (!services.sendWebhookResponse) return missing('Responding to a webhook')();
      services.sendWebhookResponse(r);
    },
    putExecutionToWait: (until) => input.onWait(until),
  };
  return {
    node,
    workflow: input.workflow,
    execution: input.execution,
    description,
    inputs: input.inputs,
    source: input.source,
    runIndex: input.runIndex,
    signal,
    rawParameters: node.parameters,
    getNodeParameter(path, itemIndex, fallback) {
      let raw = getPath(node.parameters, path);
      if (raw === undefined)
        raw = cachedDefault(description.properties, path, node.typeVersion, node.parameters ?? {});
      if (raw === undefined) return fallback;
      scope.itemIndex = itemIndex;
      const v = resolveParameter(raw, scope, { node: node.name, parameter: path, itemIndex });
      return v === undefined ? fallback : v;
    },
    evaluateExpression(expression, itemIndex) {
      scope.itemIndex = itemIndex;
      return evaluateExpression(expression, scope, { node: node.name, itemIndex });
    },
    getCredentials(type) {
      if (!services.getCredentials)
        return Promise.reject(new NonRetriableError('No credential store available'));
      return services.getCredentials(node, type);
    },
    helpers,
    continueOnFail: input.continueOnFail,
    log: (line) => {
      input.logs.push(line);
    },
    staticData: input.staticData,
    nodeState: input.nodeState,
    services,
    runData: input.runData,
    resolvePairedItem: (nodeName, itemIndex) =>
      resolvePairedItem(input.runData, input.source[0], itemIndex, nodeName),
  };
}
