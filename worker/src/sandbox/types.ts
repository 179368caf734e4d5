import type { Item } from '@tandem/shared/engine';

/** n8n Code node v2 modes. */
export type CodeMode = 'runOnceForAllItems' | 'runOnceForEachItem';

/** What `$('Node')…` asks the host for. */
export interface NodeDataQuery {
  kind: 'all' | 'first' | 'last' | 'item' | 'params' | 'isExecuted';
  node: string;
  branchIndex?: number;
  runIndex?: number;
  itemIndex?: number;
}

/** Values exposed as `$workflow`, `$execution`, `$prevNode`… (plain JSON). */
export interface CodeRunMeta {
  workflow?: { id?: string; name?: string; active?: boolean };
  execution?: { id?: string; mode?: string; resumeUrl?: string; customData?: Record<string, string> };
  prevNode?: { name: string; outputIndex: number; runIndex: number };
  /** Parameters of the Code node itself (`$input.params`). */
  params?: Record<string, unknown>;
  runIndex?: number;
  /** IANA zone for `$now` / `$today` (default UTC). */
  timezone?: string;
  /** Static data for `$getWorkflowStaticData('global' | 'node')`; changes come back in the result. */
  staticData?: { global?: Record<string, unknown>; node?: Record<string, unknown> };
}

export interface CodeRunRequest {
  code: string;
  mode: CodeMode;
  items: Item[];
  meta?: CodeRunMeta;
  /** Synchronous accessor behind `$('Node')` and `$node`; omitted = those return nothing. */
  nodeData?: (query: NodeDataQuery) => unknown;
  signal?: AbortSignal;
  /** Overrides the sandbox's CPU-time limit for this run (ms). */
  timeoutMs?: number;
}

export interface CodeRunResult {
  items: Item[];
  /** console.* lines, in order. */
  logs: string[];
  /** Present when the code used `$getWorkflowStaticData`: the (possibly changed) static data to store. */
  staticData?: { global?: Record<string, unknown>; node?: Record<string, unknown> };
}

export interface SandboxOptions {
  /** Heap limit per isolate in MB (default 128). */
  memoryLimitMb?: number;
  /** Time limit per run in ms (default 10,000). */
  timeoutMs?: number;
  /** Isolates kept for concurrent runs (default 2). */
  maxIsolates?: number;
  /**
   * Runs first execute synchronously for up to this many ms (fast path, no thread hop); code that takes longer
   * is re-run asynchronously where an AbortSignal can stop it, and goes async directly from then on.
   * 0 = always asynchronous. Default 50.
   */
  syncSliceMs?: number;
  /** Expose Luxon's DateTime/Duration/Interval and `$now`/`$today` (default true). */
  luxon?: boolean;
  /** Largest serialized output (items + logs) accepted from a run, in characters (default 64 MiB). */
  maxOutputChars?: number;
}

export type CodeErrorKind = 'user' | 'syntax' | 'validation' | 'timeout' | 'memory' | 'aborted' | 'internal';

/** Anything that went wrong running user code; `stack` only holds frames of the user's code. */
export class CodeExecutionError extends Error {
  override name = 'CodeExecutionError';
  kind: CodeErrorKind;
  description?: string;
  /** 1-based line in the user's code, when known. */
  lineNumber?: number;
  userStack?: string;
  constructor(
    kind: CodeErrorKind,
    message: string,
    opts: { description?: string; lineNumber?: number; userStack?: string } = {},
  ) {
    super(message);
    this.kind = kind;
    this.description = opts.description;
    this.lineNumber = opts.lineNumber;
    this.userStack = opts.userStack;
  }
}
