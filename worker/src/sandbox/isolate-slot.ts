import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ivm from 'isolated-vm';
import type { NodeDataQuery } from './types.ts';

const require = createRequire(import.meta.url);
// Strict mode matters: a sloppy runtime frame would be visible to user code as `fn.caller`. The directive is
// added here because the linter strips it from .js files it takes for modules.
const RUNTIME_SRC = `'use strict';\n${readFileSync(new URL('./isolate-runtime.js', import.meta.url), 'utf8')}`;
const LOCKDOWN_SRC = `'use strict';\n${readFileSync(new URL('./isolate-lockdown.js', import.meta.url), 'utf8')}`;
// Luxon's ES module build turned into a factory: its one `export { … }` becomes a return, so nothing lands on
// the global (Settings is mutable), and the `Map` parameter gives its caches a Map that freezes what they store.
const LUXON_SRC = luxonFactorySource(
  readFileSync(join(dirname(require.resolve('luxon/package.json')), 'build/es6/luxon.mjs'), 'utf8'),
);

// jmespath's UMD build writes to `exports` when one is in scope.
const JMESPATH_SRC = `(function (exports) {\n${readFileSync(require.resolve('jmespath'), 'utf8')}\nreturn exports;\n})({})`;

function luxonFactorySource(esm: string): string {
  const exportLine = /^export \{([^}]*)\};?$/m;
  const match = exportLine.exec(esm);
  if (!match || /^\s*import\s/m.test(esm))
    throw new Error('Unexpected Luxon build: cannot load it into the sandbox');
  return `(function (Map) {\n${esm.replace(exportLine, `return {${match[1]}};`)}\n})`;
}

/** Parameter names the user's code sees, in the order the runtime passes them (see isolate-runtime.js). */
const PARAMS =
  '$input, items, $json, $binary, $, $node, $workflow, $execution, $prevNode, $now, $today, $itemIndex, $runIndex, console, $mode, item, $getWorkflowStaticData, $jmespath';
export const USER_FILENAME = 'code.js';
const MAX_CODES_PER_CONTEXT = 256;
const SETUP_TIMEOUT_MS = 5_000;
const HOST_KINDS = new Set(['all', 'first', 'last', 'item', 'params', 'isExecuted']);

export interface CompiledCode {
  id: number;
  /** bit 1: $now/$today (or eval) used; bit 2: $node used. */
  usesMask: number;
}

interface RuntimeApi {
  run: ivm.Reference;
  collect: ivm.Reference;
  register: ivm.Reference;
}

/** Per-run link between the isolate's `$()` calls and the host's data accessor. */
export interface ActiveRun {
  runId: number;
  nodeData?: (query: NodeDataQuery) => unknown;
}

/**
 * One isolate with one locked-down context that runs Code node executions one at a time. The context is reused
 * across runs; the runtime reports when a run left it dirty and the slot then builds a fresh one.
 */
export class IsolateSlot {
  readonly isolate: ivm.Isolate;
  busy = false;
  /** The context must be rebuilt before the next run. */
  dirty = false;
  active: ActiveRun | null = null;
  runs = 0;
  private context!: ivm.Context;
  private api!: RuntimeApi;
  private readonly scripts = new Map<string, ivm.Script>();
  private codes = new Map<string, CompiledCode>();
  private nextCodeId = 1;
  private readonly runtimeScript: ivm.Script;
  private readonly lockdownScript: ivm.Script;
  private readonly luxonScript: ivm.Script | null;
  private readonly jmespathScript: ivm.Script;
  private readonly hostCallback: ivm.Callback;

  constructor(memoryLimitMb: number, luxon: boolean) {
    this.isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
    this.runtimeScript = this.isolate.compileScriptSync(RUNTIME_SRC, { filename: 'tandem-runtime.js' });
    this.lockdownScript = this.isolate.compileScriptSync(LOCKDOWN_SRC, { filename: 'tandem-lockdown.js' });
    this.luxonScript = luxon ? this.isolate.compileScriptSync(LUXON_SRC, { filename: 'luxon.js' }) : null;
    this.jmespathScript = this.isolate.compileScriptSync(JMESPATH_SRC, { filename: 'jmespath.js' });
    this.hostCallback = new ivm.Callback(
      (runId: number, kind: string, name: string, a: unknown, b: unknown) =>
        this.hostCall(runId, kind, name, a, b),
    );
    this.resetContext();
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /** Builds a fresh context: luxon, runtime, lockdown, then records the clean global state. */
  resetContext(): void {
    if (this.context) this.context.release();
    const context = this.isolate.createContextSync();
    const luxonRef = this.luxonScript
      ? this.luxonScript.runSync(context, { reference: true, timeout: SETUP_TIMEOUT_MS })
      : undefined;
    const jmespathRef = this.jmespathScript.runSync(context, { reference: true, timeout: SETUP_TIMEOUT_MS });
    const factory = this.runtimeScript.runSync(context, { reference: true, timeout: SETUP_TIMEOUT_MS });
    const apiRef: ivm.Reference = factory.applySync(
      undefined,
      [this.hostCallback, luxonRef ? luxonRef.derefInto() : undefined, jmespathRef.derefInto()],
      { result: { reference: true }, timeout: SETUP_TIMEOUT_MS },
    );
    this.lockdownScript.runSync(context, { timeout: SETUP_TIMEOUT_MS });
    apiRef.getSync('seal', { reference: true }).applySync(undefined, [], { timeout: SETUP_TIMEOUT_MS });
    this.api = {
      run: apiRef.getSync('run', { reference: true }),
      collect: apiRef.getSync('collect', { reference: true }),
      register: apiRef.getSync('register', { reference: true }),
    };
    this.context = context;
    this.codes = new Map();
    this.dirty = false;
  }

  /** Compiles (once per isolate) and registers (once per context) the user's code. Throws SyntaxError. */
  prepare(code: string): CompiledCode {
    const known = this.codes.get(code);
    if (known) return known;
    if (this.codes.size >= MAX_CODES_PER_CONTEXT) this.resetContext();
    const isAsync = /\bawait\b/.test(code);
    let script = this.scripts.get(code);
    if (!script) {
      script = this.isolate.compileScriptSync(
        `(function(${PARAMS}) { return ${isAsync ? 'async ' : ''}function () {\n${code}\n}; })`,
        { filename: USER_FILENAME, lineOffset: -1 },
      );
      // The body alone must also parse as a function body, so code like `}); evil(); (function(){` can't step
      // out of the wrapper. The Function constructor checks exactly that without running anything.
      this.context.evalClosureSync(
        `new (Object.getPrototypeOf(async function(){}).constructor)($0)`,
        [code],
        {
          timeout: SETUP_TIMEOUT_MS,
        },
      );
      if (this.scripts.size >= MAX_CODES_PER_CONTEXT) this.scripts.clear();
      this.scripts.set(code, script);
    }
    const fn = script.runSync(this.context, { reference: true, timeout: SETUP_TIMEOUT_MS });
    const id = this.nextCodeId++;
    this.api.register.applySync(undefined, [id, fn.derefInto()], { timeout: SETUP_TIMEOUT_MS });
    fn.release();
    const usesMask = (/\$now|\$today|\beval\b/.test(code) ? 1 : 0) | (/\$node\b/.test(code) ? 2 : 0);
    const compiled = { id, usesMask };
    this.codes.set(code, compiled);
    return compiled;
  }

  /** Runs synchronously; returns the runtime's raw answer (see isolate-runtime.js `run`). */
  runSync(
    compiled: CompiledCode,
    runId: number,
    itemsJson: string,
    metaJson: string,
    timeout: number,
  ): string {
    const first = this.api.run.applySync(
      undefined,
      [runId, compiled.id, itemsJson, metaJson, compiled.usesMask],
      {
        timeout,
      },
    ) as string;
    if (first !== '') return first;
    // Microtasks drained when the call returned; with no timers or I/O in the sandbox, the run is settled now
    // or never will be.
    return this.api.collect.applySync(undefined, [], { timeout }) as string;
  }

  /** Same as runSync on the isolate's own thread, so the host stays responsive and can dispose it. */
  async runAsync(
    compiled: CompiledCode,
    runId: number,
    itemsJson: string,
    metaJson: string,
    timeout: number,
  ): Promise<string> {
    const started = performance.now();
    const first = (await this.api.run.apply(
      undefined,
      [runId, compiled.id, itemsJson, metaJson, compiled.usesMask],
      {
        timeout,
      },
    )) as string;
    if (first !== '') return first;
    const left = Math.max(1, Math.ceil(timeout - (performance.now() - started)));
    return (await this.api.collect.apply(undefined, [], { timeout: left })) as string;
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  private hostCall(runId: number, kind: string, name: string, a: unknown, b: unknown): string | null {
    const active = this.active;
    if (!active || active.runId !== runId) throw new Error('This execution has finished');
    if (!HOST_KINDS.has(kind)) throw new Error(`Unknown data request: ${kind}`);
    if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
      throw new Error('$(): node name must be a non-empty string of at most 256 characters');
    }
    if (!active.nodeData) return null;
    const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
    const query: NodeDataQuery = { kind: kind as NodeDataQuery['kind'], node: name };
    if (kind === 'item') query.itemIndex = num(a);
    else {
      query.branchIndex = num(a);
      query.runIndex = num(b);
    }
    const value = active.nodeData(query);
    return value === undefined ? null : JSON.stringify(value);
  }
}
