import type { NodeParameters, WorkflowJson, WorkflowNode } from '../schema/workflow.ts';

/**
 * Engine ⇄ node contract. Node implementations (worker/src/nodes) depend only on these types;
 * everything with I/O (HTTP, time, secrets, logs, sub-workflows, parking) comes in through `ctx.helpers`,
 * which the host (worker) builds from `EngineServices`.
 */

// ---------------------------------------------------------------- items

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: unknown };

/** A binary attachment; `data` is base64 (n8n's in-memory binary mode). */
export interface BinaryData {
  data: string;
  mimeType: string;
  fileName?: string;
  fileExtension?: string;
  fileSize?: string;
  fileType?: string;
  directory?: string;
  id?: string;
}

/** Points at the input item (of input `input`, default 0) an output item derives from. */
export interface PairedItem {
  item: number;
  input?: number;
  /** Set when the item's origin is a node other than the direct parent (e.g. after Loop Over Items). */
  sourceOverwrite?: SourceRef;
}

export interface Item {
  json: JsonObject;
  binary?: Record<string, BinaryData>;
  pairedItem?: PairedItem | PairedItem[] | number;
  /** Set on items emitted by a node that failed with onError=continue*. */
  error?: NodeErrorData;
}

/** Per input index: the items that arrived on that input. */
export type NodeInputs = Item[][];
/**
 * Per output index: items emitted on that output; `null` or `[]` = nothing on that branch.
 * Nodes with an error output (onError=continueErrorOutput) get an extra last output added by the engine.
 */
export type NodeOutput = (Item[] | null)[];

// ---------------------------------------------------------------- run data (n8n shape)

export interface SourceRef {
  previousNode: string;
  previousNodeOutput?: number;
  previousNodeRun?: number;
}

export type TaskStatus = 'success' | 'error' | 'canceled' | 'waiting' | 'running';

export interface NodeErrorData {
  name: string;
  message: string;
  description?: string;
  /** Stack of the node author's code (Code node), never engine internals. */
  stack?: string;
  node?: string;
  itemIndex?: number;
  httpCode?: string;
  context?: Record<string, unknown>;
  timestamp?: number;
}

export interface TaskData {
  startTime: number;
  executionTime: number;
  status: TaskStatus;
  /** n8n 1.x also writes `executionStatus`; kept equal to `status` for tools written for n8n. */
  executionStatus?: TaskStatus;
  error?: NodeErrorData;
  data: { main: NodeOutput };
  /** Per input index, where the input came from (null = no data on that input). */
  source: (SourceRef | null)[];
  /** Input items (kept so the editor can show them; omitted for trigger/start nodes). */
  inputData?: { main: NodeInputs };
  /** Lines captured from console.log in Code nodes, etc. */
  logs?: string[];
  hints?: string[];
  /** True when the output came from pinned data rather than running the node. */
  pinned?: boolean;
  /** For a node that parked the execution (Wait): when it resumes (ms epoch), null = on webhook. */
  waitTill?: number | null;
  /** The node's `ctx.nodeState` after this run (Loop Over Items); restored when resuming from run data. */
  nodeState?: Record<string, unknown>;
  /** Set when the run's data was too big to store: the output items were dropped; how many there were per output. */
  itemsDropped?: number[];
  /** As `itemsDropped`, for the input items (`inputData`, then left out). */
  inputItemsDropped?: number[];
}

/** node name → runs (one per run index). */
export type RunData = Record<string, TaskData[]>;

// ---------------------------------------------------------------- errors

/** A node failed while processing its items (bad input, remote error, user's code threw). Retriable by default. */
export class NodeOperationError extends Error {
  override name = 'NodeOperationError';
  description?: string;
  itemIndex?: number;
  context?: Record<string, unknown>;
  constructor(message: string, opts: { description?: string; itemIndex?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.description = opts.description;
    this.itemIndex = opts.itemIndex;
  }
}

/** Retrying cannot help (bad configuration, Stop and Error); the engine skips retryOnFail. */
export class NonRetriableError extends Error {
  override name = 'NonRetriableError';
  itemIndex?: number;
  constructor(message: string, opts: { itemIndex?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.itemIndex = opts.itemIndex;
  }
}

/** Retry, but not before `retryAfterMs` (e.g. HTTP 429 with Retry-After). */
export class RetryAfterError extends Error {
  override name = 'RetryAfterError';
  retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, opts: { cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryAfterMs = retryAfterMs;
  }
}

/** An expression failed to parse, was refused by the safety checks, or threw. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  node?: string;
  parameter?: string;
  /** Character offset inside the parameter string (0-based), when known. */
  position?: number;
  itemIndex?: number;
  constructor(
    message: string,
    opts: { node?: string; parameter?: string; position?: number; itemIndex?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.node = opts.node;
    this.parameter = opts.parameter;
    this.position = opts.position;
    this.itemIndex = opts.itemIndex;
  }
}

// ---------------------------------------------------------------- host services

export type ExecutionMode =
  | 'manual'
  | 'trigger'
  | 'webhook'
  | 'api'
  | 'retry'
  | 'integrated'
  | 'error'
  | 'internal';

export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface SubWorkflowRequest {
  /** Workflow id (or a full workflow JSON for "source: parameter"). */
  workflowId?: string;
  workflow?: WorkflowJson;
  items: Item[];
  /** false = fire and forget: resolves once the sub-execution is queued, with the input items. */
  waitForCompletion: boolean;
  parentExecutionId: string;
  signal: AbortSignal;
}

export interface SubWorkflowResult {
  executionId?: string;
  /** Output of the sub-workflow's last node (per output index). */
  data: NodeOutput;
}

/** Response a Respond to Webhook node (or the engine for "lastNode" mode) hands to the waiting HTTP caller. */
export interface WebhookResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Binary body (base64) when the response is a file. */
  binary?: BinaryData;
}

/** The Error Trigger item given to the error workflow (n8n's shape). */
export interface ErrorWorkflowItem {
  execution: {
    id: string;
    url?: string;
    error: NodeErrorData;
    lastNodeExecuted?: string;
    mode: ExecutionMode;
  };
  workflow: { id?: string; name: string };
}

/** I/O the host provides. All optional except `now`; a node needing a missing one fails clearly. */
export interface EngineServices {
  /** ms since epoch. */
  now(): number;
  logger?: Logger;
  /** Decrypted credential data for `node`'s credential of `type`. Secrets never enter the engine otherwise. */
  getCredentials?(node: WorkflowNode, type: string): Promise<Record<string, unknown>>;
  /** fetch with the host's SSRF guard applied. */
  fetch?: typeof fetch;
  runSubWorkflow?(req: SubWorkflowRequest): Promise<SubWorkflowResult>;
  sendWebhookResponse?(response: WebhookResponse): void;
  /** Sleep honouring the signal (defaults to setTimeout). Tests inject a fake to make retries instant. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /** Workflow static data (persisted by the host). */
  staticData?: Record<string, unknown>;
  /** Extra host values exposed to nodes (e.g. resume URL base, instance base URL, SSRF settings). */
  [key: string]: unknown;
}

/** Helpers a running node uses; built by the engine from `EngineServices`. */
export interface NodeHelpers {
  now(): number;
  logger: Logger;
  /** Throws NonRetriableError when the host gave no fetch. */
  fetch: typeof fetch;
  sleep(ms: number): Promise<void>;
  runSubWorkflow(req: Omit<SubWorkflowRequest, 'parentExecutionId' | 'signal'>): Promise<SubWorkflowResult>;
  sendWebhookResponse(response: WebhookResponse): void;
  /**
   * Park the execution (Wait node): after this node returns, the engine stops with status `waiting`;
   * the host resumes it later with `resumeFrom`. `until` null = wait for the resume webhook.
   */
  putExecutionToWait(until: Date | null): void;
}

// ---------------------------------------------------------------- node contract

export interface WorkflowInfo {
  id?: string;
  name: string;
  active: boolean;
  timezone: string;
  settings: WorkflowJson['settings'];
}

export interface ExecutionInfo {
  id: string;
  mode: ExecutionMode;
  /** URL that resumes a waiting execution (host supplied), n8n's `$execution.resumeUrl`. */
  resumeUrl?: string;
  customData: Record<string, string>;
}

export interface NodeRunContext {
  node: WorkflowNode;
  workflow: WorkflowInfo;
  execution: ExecutionInfo;
  /** The node's description (parameter defaults, outputs). */
  description: NodeDescription;
  /** Items per input index. */
  inputs: NodeInputs;
  /** Where each input came from (null = no data on that input / start node). */
  source: (SourceRef | null)[];
  runIndex: number;
  /** Aborted on cancel or timeout; pass it to anything long-running. */
  signal: AbortSignal;
  /** Parameters as stored in the workflow, expressions unresolved. */
  rawParameters: NodeParameters;
  /**
   * Parameter `path` (dot path, e.g. `options.timeout`) resolved for item `itemIndex` of input 0:
   * expressions evaluated, description default used when unset, `fallback` when still undefined.
   */
  getNodeParameter(path: string, itemIndex: number, fallback?: unknown): unknown;
  /** Evaluate an arbitrary expression/template (`=…`) in the context of an item. */
  evaluateExpression(expression: string, itemIndex: number): unknown;
  /** Decrypted credential of `type` configured on the node (host supplied). */
  getCredentials(type: string): Promise<Record<string, unknown>>;
  helpers: NodeHelpers;
  /** true when onError is continue*: a node processing items one by one should emit error items instead of throwing. */
  continueOnFail: boolean;
  /** Append a log line to this run's task data (Code node console.log). */
  log(line: string): void;
  /** Workflow static data (mutable; the host persists it). */
  staticData: Record<string, unknown>;
  /**
   * State kept by this node across its runs within one execution (Loop Over Items' remaining items).
   * Must stay JSON-serialisable: it is checkpointed in the task data for resume.
   */
  nodeState: Record<string, unknown>;
  /** Host extras from EngineServices (e.g. ssrf settings). */
  services: EngineServices;
  /** Run data of this execution so far (read only), for `$('Node')` in the Code node. */
  runData: Readonly<RunData>;
  /** Follow paired items from input item `itemIndex` back to the item of `nodeName` it derives from. */
  resolvePairedItem(nodeName: string, itemIndex: number): Item | undefined;
}

export interface NodeType {
  description: NodeDescription;
  /** Return items per output. May be async. Throwing fails the node (subject to retry/onError). */
  execute(ctx: NodeRunContext): Promise<NodeOutput> | NodeOutput;
}

/** Looks node types up by (canonical or `n8n-nodes-base.` aliased) type and version. */
export interface NodeTypeRegistry {
  get(type: string, version: number): NodeType | undefined;
}

// ---------------------------------------------------------------- node descriptions

export type NodeGroup = 'trigger' | 'flow' | 'transform' | 'input' | 'output' | 'core';

export type ParameterType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'options'
  | 'multiOptions'
  | 'collection'
  | 'fixedCollection'
  | 'json'
  | 'code'
  | 'dateTime'
  | 'color'
  | 'assignmentCollection'
  | 'filter'
  | 'credentials'
  | 'notice'
  | 'resourceMapper';

/** Show/hide a parameter depending on sibling values (`@version` matches the node's typeVersion). */
export interface DisplayOptions {
  show?: Record<string, unknown[]>;
  hide?: Record<string, unknown[]>;
}

export interface ParameterOption {
  name: string;
  value: string | number | boolean;
  description?: string;
}

export interface ParameterDescription {
  name: string;
  displayName: string;
  type: ParameterType;
  default: unknown;
  required?: boolean;
  description?: string;
  placeholder?: string;
  displayOptions?: DisplayOptions;
  /** options / multiOptions */
  options?: ParameterOption[];
  /** collection / fixedCollection: nested parameter list (fixedCollection: one group per option name). */
  children?: ParameterDescription[];
  /** fixedCollection groups. */
  groups?: { name: string; displayName: string; values: ParameterDescription[] }[];
  typeOptions?: {
    multipleValues?: boolean;
    minValue?: number;
    maxValue?: number;
    rows?: number;
    editor?: 'code' | 'json' | 'sql' | 'html';
    password?: boolean;
    [key: string]: unknown;
  };
  /** For type 'credentials': the credential type names accepted. */
  credentialTypes?: string[];
  /** Set false to forbid expressions (rare). */
  noDataExpression?: boolean;
}

export interface NodeCredentialDescription {
  name: string;
  required?: boolean;
  displayOptions?: DisplayOptions;
}

/**
 * Number of inputs/outputs: a fixed count, or a function of the parameters (Switch: one per rule + fallback).
 * Output names are optional labels (If: ['true', 'false']).
 */
export type PortCount = number | ((parameters: NodeParameters, typeVersion: number) => number);

export interface NodeDescription {
  /** Canonical type id (`if`); `n8n-nodes-base.if` is accepted as an alias. */
  type: string;
  displayName: string;
  description: string;
  group: NodeGroup;
  /** Supported typeVersions (the last one is the default for new nodes). */
  versions: number[];
  /** Icon name for the client. */
  icon?: string;
  inputs: PortCount;
  outputs: PortCount;
  inputNames?: string[];
  outputNames?: string[] | ((parameters: NodeParameters, typeVersion: number) => string[]);
  /** Starts executions (manual, webhook, schedule…). */
  trigger?: boolean;
  /**
   * Running the node has no effect outside the run (no I/O, nothing kept across runs): its output is all it does.
   * After a crash such a node can simply run again, so its output need not be committed before the next node
   * starts; it is stored with the next node that has effects, or with the final state.
   */
  pure?: boolean;
  /** Node waits for all inputs with data, e.g. Merge (v1 order); n8n's "requiredInputs". */
  requiredInputs?:
    | number
    | number[]
    | ((parameters: NodeParameters, typeVersion: number) => number | number[]);
  credentials?: NodeCredentialDescription[];
  /** Parameters; version-specific ones use displayOptions.show['@version']. */
  properties: ParameterDescription[];
  /** Validates parameters (after defaults); issues are reported with their path. */
  parameterSchema?: { safeParse(value: unknown): { success: boolean; error?: { issues: ParameterIssue[] } } };
  /** Free text tags for search. */
  keywords?: string[];
}

export interface ParameterIssue {
  path: PropertyKey[];
  message: string;
}

// ---------------------------------------------------------------- engine run API

export interface NodeRunInfo {
  /** Items received, summed over inputs. */
  inputItems: number;
}

export interface ExecutionHooks {
  nodeStarted?(nodeName: string, runIndex: number, info?: NodeRunInfo): void;
  /** Called after each node run (awaited); checkpoint `task` here for crash recovery (resumeFrom). */
  nodeFinished?(nodeName: string, runIndex: number, task: TaskData, info?: NodeRunInfo): void | Promise<void>;
  workflowFinished?(result: RunResult): void;
}

export interface ResumeState {
  /** Run data of already-finished nodes (checkpoint or the waiting execution's). They are not run again. */
  runData: RunData;
  /**
   * For a waiting execution: the output of the node that parked it (e.g. the resume webhook's items).
   * When omitted, the parked node's recorded output is used.
   */
  resumedNodeOutput?: NodeOutput;
}

export interface RunWorkflowOptions {
  workflow: WorkflowJson;
  nodeTypes: NodeTypeRegistry;
  services: EngineServices;
  executionId?: string;
  mode?: ExecutionMode;
  /** Items the start (trigger) node emits; default a single empty item. */
  triggerItems?: Item[];
  /** Node to start from (default: the trigger node / nodes without parents). */
  startNode?: string;
  /** Run only what leads up to this node (partial execution). */
  destinationNode?: string;
  /** With destinationNode: run only that node, its input taken from previousRunData of its parents. */
  runNodeOnly?: boolean;
  /** Pinned output per node name (used instead of running it); default workflow.pinData. */
  pinData?: Record<string, Item[]>;
  /** Previous run's data: nodes that have it are not re-run in partial executions (unless dirty). */
  previousRunData?: RunData;
  /** Nodes whose previousRunData is stale (edited since). */
  dirtyNodes?: string[];
  resumeFrom?: ResumeState;
  signal?: AbortSignal;
  /** Execution timeout; default workflow.settings.executionTimeout (seconds) when > 0. */
  timeoutMs?: number;
  hooks?: ExecutionHooks;
  /** Default timezone when the workflow has none (n8n: America/New_York). */
  defaultTimezone?: string;
  /** Also record each run's input items in `TaskData.inputData` (references, not copies). Default false. */
  saveInputData?: boolean;
  /**
   * The workflow object is never changed (e.g. a parsed published version, shared by its runs): what the engine
   * derives from it (the graph) is then built once per object, not once per run. Default false.
   */
  immutableWorkflow?: boolean;
  /**
   * The execution's custom data (`$execution.customData`, the Execution Data node): this object itself, changed
   * by the run in place, so the host can store it as it changes (and give back what a resumed run had). Default {}.
   */
  customData?: Record<string, string>;
}

export type RunStatus = 'success' | 'error' | 'canceled' | 'waiting';

export interface RunResult {
  status: RunStatus;
  runData: RunData;
  error?: NodeErrorData;
  lastNodeExecuted?: string;
  /** When status is waiting: resume time (ms epoch) or null (resume webhook). */
  waitTill?: number | null;
  startedAt: number;
  finishedAt: number;
}
