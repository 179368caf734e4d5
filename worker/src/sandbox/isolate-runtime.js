// The Code node runtime, evaluated once per sandbox context BEFORE lockdown (plain JS, runs in the isolate).
// It captures the intrinsics it needs, so later user code cannot redirect them, and returns an API object the
// host keeps as a Reference. Nothing here is reachable from user code except the per-run objects it builds.

(function tandemRuntime(hostCall, luxonFactory, jmespath) {
  const g = globalThis;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const { defineProperty, freeze, keys, getPrototypeOf, isExtensible, isFrozen, getOwnPropertyDescriptors } =
    Object;
  const ownKeys = Reflect.ownKeys;
  const deleteProperty = Reflect.deleteProperty;
  const isArray = Array.isArray;
  const apply = Reflect.apply;
  const StringCtor = String;
  const promiseThen = Promise.prototype.then;
  const NOT_SET = {};

  const MAX_LOG_LINES = 1000;
  const MAX_LOG_LINE = 10_000;

  /** Compiled user functions by id: factory(globals...) → the user's function. */
  const factories = new Map();
  let baseline = null;
  let baseProto = null;
  let current = null;

  const NativeDateTimeFormat = Intl.DateTimeFormat;
  const NativeNumberFormat = Intl.NumberFormat;

  /** Freezes `root` and everything reachable through its properties that isn't frozen yet. */
  function deepFreeze(root) {
    const stack = [root];
    while (stack.length > 0) {
      const obj = stack.pop();
      if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null || isFrozen(obj)) continue;
      // Intl formatters cache a bound `format` function per instance: it must not carry data between runs.
      if (obj instanceof NativeDateTimeFormat || obj instanceof NativeNumberFormat) stack.push(obj.format);
      freeze(obj);
      const descs = getOwnPropertyDescriptors(obj);
      for (const key of ownKeys(descs)) {
        const d = descs[key];
        if ('value' in d) stack.push(d.value);
        if (d.get) stack.push(d.get);
        if (d.set) stack.push(d.set);
      }
      // Prototypes are not followed: Luxon's are reached through the classes' `prototype` properties, and the
      // intrinsics are frozen by the lockdown, which runs after Luxon is loaded.
    }
  }

  // Luxon keeps module-level caches (zones, Intl formatters, week data) whose values user code can reach
  // (`dt.zone`). Luxon is loaded with this Map in scope, so every cached value is frozen when stored and one
  // run can't change what the next one gets. Its two lazily created zone singletons are frozen below.
  class FreezingMap extends Map {
    set(key, value) {
      deepFreeze(value);
      return super.set(key, value);
    }
  }
  freeze(FreezingMap.prototype);
  freeze(FreezingMap);

  const luxon = luxonFactory ? luxonFactory(FreezingMap) : undefined;
  if (luxon) {
    freeze(luxon.FixedOffsetZone.utcInstance);
    freeze(luxon.SystemZone.instance);
    for (const name of ['DateTime', 'Duration', 'Interval']) {
      defineProperty(g, name, { value: luxon[name], writable: true, enumerable: false, configurable: true });
    }
  }

  deepFreeze(jmespath);
  const jmespathSearch = jmespath.search;
  /** n8n's `$jmespath(data, expression)`. */
  function $jmespath(data, expression) {
    if (typeof expression !== 'string')
      throw new TypeError('$jmespath(data, expression): the expression must be a string');
    return jmespathSearch(data, expression);
  }
  freeze($jmespath);

  function fail(message, description) {
    const e = new Error(message);
    e.name = 'ValidationError';
    e.description = description;
    throw e;
  }

  function formatArg(v, depth) {
    if (typeof v === 'string') return depth === 0 ? v : stringify(v);
    if (typeof v === 'function') return `[Function ${v.name || 'anonymous'}]`;
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v !== 'object' || v === null) return StringCtor(v);
    if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
    try {
      return stringify(v);
    } catch {
      return '[Object]';
    }
  }

  function makeConsole(run) {
    const write = (level) =>
      function log(...args) {
        if (run.logs.length >= MAX_LOG_LINES) {
          run.logsDropped++;
          return;
        }
        let line = args.map((a) => formatArg(a, 0)).join(' ');
        if (line.length > MAX_LOG_LINE) line = `${line.slice(0, MAX_LOG_LINE)}… (truncated)`;
        run.logs.push(level === 'log' ? line : `[${level}] ${line}`);
      };
    return freeze({
      log: write('log'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      debug: write('debug'),
    });
  }

  function host(run, kind, name, a, b) {
    if (current !== run) throw new Error('This execution has finished');
    // Only primitives cross to the host: indexes are numbers, anything else is dropped.
    const out = hostCall(
      run.id,
      kind,
      StringCtor(name),
      typeof a === 'number' ? a : null,
      typeof b === 'number' ? b : null,
    );
    return out === undefined || out === null ? undefined : parse(out);
  }

  function nodeAccessor(run, name, itemIndex) {
    if (typeof name !== 'string') throw new TypeError('$() expects a node name');
    return freeze({
      all: (branchIndex, runIndex) => host(run, 'all', name, branchIndex, runIndex) ?? [],
      first: (branchIndex, runIndex) => host(run, 'first', name, branchIndex, runIndex),
      last: (branchIndex, runIndex) => host(run, 'last', name, branchIndex, runIndex),
      get item() {
        return host(run, 'item', name, itemIndex);
      },
      itemMatching: (index) => host(run, 'item', name, index),
      pairedItem: (index) => host(run, 'item', name, index ?? itemIndex),
      get params() {
        return host(run, 'params', name);
      },
      get isExecuted() {
        return host(run, 'isExecuted', name) === true;
      },
    });
  }

  function makeNodeProxy(run, itemIndex) {
    return new Proxy(
      {},
      {
        get(_t, name) {
          if (typeof name !== 'string') return undefined;
          const item = host(run, 'item', name, itemIndex) ?? host(run, 'first', name);
          return freeze({
            json: item ? item.json : undefined,
            binary: item ? item.binary : undefined,
            get parameter() {
              return host(run, 'params', name);
            },
          });
        },
      },
    );
  }

  /** n8n's `$getWorkflowStaticData('global' | 'node')`: mutable objects handed back to the host after the run. */
  function staticDataAccessor(run) {
    return (type) => {
      if (type !== 'global' && type !== 'node')
        throw new TypeError('$getWorkflowStaticData() takes "global" or "node"');
      const data = run.meta.staticData;
      if (!data) throw new Error('Workflow static data is not available here');
      run.staticUsed = true;
      if (data[type] === null || typeof data[type] !== 'object') data[type] = {};
      return data[type];
    };
  }

  function makeGlobals(run, items, index) {
    const meta = run.meta;
    const item = items[index];
    const input = freeze({
      all: () => items,
      first: () => items[0],
      last: () => items[items.length - 1],
      item,
      params: meta.params ?? {},
      context: freeze({ noItemsLeft: false }),
    });
    const uses = run.uses;
    let now;
    let today;
    if (uses.now && luxon) {
      now = luxon.DateTime.now().setZone(meta.timezone);
      today = now.startOf('day');
    }
    return [
      input,
      items,
      item ? item.json : undefined,
      item ? (item.binary ?? {}) : {},
      (name) => nodeAccessor(run, name, index),
      uses.node ? makeNodeProxy(run, index) : undefined,
      meta.workflow,
      meta.execution,
      meta.prevNode,
      now,
      today,
      index,
      meta.runIndex,
      run.console,
      meta.mode,
      item,
      staticDataAccessor(run),
      $jmespath,
    ];
  }

  // makeGlobals' order must match PARAMS in isolate-slot.ts.

  function isThenable(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
  }

  function normalizeItem(value, index, eachItem) {
    if (value === null || typeof value !== 'object' || isArray(value)) {
      if (eachItem && isArray(value)) {
        fail(
          `Code doesn't return a single object [item ${index}]`,
          "An array was returned. To output several items, use the 'Run Once for All Items' mode.",
        );
      }
      fail(
        eachItem ? `Code doesn't return an object [item ${index}]` : "Code doesn't return items properly",
        eachItem
          ? `It returned ${value === null ? 'null' : typeof value}. Return an object, e.g. { json: { … } }.`
          : `Item ${index} is ${value === null ? 'null' : isArray(value) ? 'an array' : `a ${typeof value}`}. Return an array of objects, one per output item.`,
      );
    }
    if (!('json' in value)) return { json: value };
    const out = { json: value.json };
    if (out.json === null || typeof out.json !== 'object' || isArray(out.json)) {
      fail(
        `A 'json' property isn't an object [item ${index}]`,
        "In the returned data, every key named 'json' must point to an object.",
      );
    }
    for (const key of keys(value)) {
      if (key === 'json') continue;
      if (key === 'binary' || key === 'pairedItem' || key === 'error' || key === 'index') {
        if (key !== 'index') out[key] = value[key];
        continue;
      }
      fail(
        `Unknown top-level item key: ${key} [item ${index}]`,
        'Access the properties of an item under `.json`, e.g. `item.json`.',
      );
    }
    if (
      out.binary !== undefined &&
      (out.binary === null || typeof out.binary !== 'object' || isArray(out.binary))
    ) {
      fail(
        `A 'binary' property isn't an object [item ${index}]`,
        "In the returned data, 'binary' must map names to files.",
      );
    }
    return out;
  }

  function collectAll(run, value) {
    if (value === undefined || value === null) {
      fail(
        "Code doesn't return items properly",
        'Return an array of objects, one per output item, e.g. return [{ json: { … } }].',
      );
    }
    const list = isArray(value) ? value : [value];
    for (let i = 0; i < list.length; i++) run.out.push(normalizeItem(list[i], i, false));
  }

  function finish(run) {
    const extra = run.logsDropped > 0 ? [`… ${run.logsDropped} more log lines dropped`] : [];
    let json;
    try {
      const logs = extra.length ? run.logs.concat(extra) : run.logs;
      json = stringify(
        run.staticUsed ? { items: run.out, logs, staticData: run.meta.staticData } : { items: run.out, logs },
      );
    } catch (e) {
      fail(
        `The returned items can't be serialized: ${e?.message}`,
        'Items must be plain JSON (no circular references or BigInt).',
      );
    }
    return json;
  }

  function errorResult(err) {
    const e = err !== null && typeof err === 'object' ? err : { message: StringCtor(err) };
    let message;
    let name;
    let stack;
    let description;
    try {
      message = StringCtor(e.message ?? err);
      name = StringCtor(e.name ?? 'Error');
      stack = typeof e.stack === 'string' ? e.stack : undefined;
      description = typeof e.description === 'string' ? e.description : undefined;
    } catch {
      message = 'The code threw a value that cannot be read';
      name = 'Error';
    }
    return stringify({ error: { name, message, stack, description } });
  }

  /** Deletes globals a run added; false when the context can't be restored and must be discarded. */
  function cleanGlobals() {
    const now = ownKeys(g);
    if (now.length !== baseline.size) {
      for (const key of now) {
        if (!baseline.has(key) && !deleteProperty(g, key)) return false;
      }
    }
    return getPrototypeOf(g) === baseProto && isExtensible(g);
  }

  // Drives the user function over the items; returns NOT_SET while a promise is pending.
  function drive(run, from) {
    const items = run.items;
    const eachItem = run.meta.mode === 'runOnceForEachItem';
    const count = eachItem ? items.length : 1;
    for (let i = from; i < count; i++) {
      const fn = apply(run.factory, undefined, makeGlobals(run, items, i));
      const value = fn();
      if (isThenable(value)) {
        apply(promiseThen, value, [
          (v) => {
            try {
              accept(run, v, i, eachItem);
              if (drive(run, i + 1) !== NOT_SET) run.settled = true;
            } catch (e) {
              run.error = e;
              run.settled = true;
            }
          },
          (e) => {
            run.error = e;
            run.settled = true;
          },
        ]);
        return NOT_SET;
      }
      accept(run, value, i, eachItem);
    }
    return true;
  }

  function accept(run, value, index, eachItem) {
    if (!eachItem) return collectAll(run, value);
    if (value === undefined || value === null) return;
    const item = normalizeItem(value, index, true);
    if (item.pairedItem === undefined) item.pairedItem = { item: index };
    run.out.push(item);
  }

  function complete(run) {
    current = null;
    const clean = cleanGlobals();
    const mark = clean ? '' : '!';
    let result;
    try {
      result = run.error !== undefined ? errorResult(run.error) : finish(run);
    } catch (e) {
      result = errorResult(e);
    }
    return mark + result;
  }

  return freeze({
    /** Records the clean global state; called by the host after lockdown. */
    seal() {
      if (luxon) deepFreeze(luxon);
      baseline = new Set(ownKeys(g));
      baseProto = getPrototypeOf(g);
    },
    register(id, factory) {
      if (typeof factory !== 'function') throw new TypeError('not a function');
      factories.set(id, factory);
    },
    forget(id) {
      factories.delete(id);
    },
    /**
     * Starts a run. Returns the result JSON, or "" while async work is pending (call `collect` after the
     * microtask queue drained). A leading "!" means the context is dirty and must be discarded.
     */
    run(runId, id, itemsJson, metaJson, usesMask) {
      const run = {
        id: runId,
        factory: factories.get(id),
        items: parse(itemsJson),
        meta: parse(metaJson),
        uses: { now: (usesMask & 1) !== 0, node: (usesMask & 2) !== 0 },
        logs: [],
        logsDropped: 0,
        out: [],
        error: undefined,
        settled: false,
        console: null,
      };
      run.console = makeConsole(run);
      current = run;
      try {
        if (drive(run, 0) === NOT_SET) {
          run.pending = true;
          return '';
        }
      } catch (e) {
        run.error = e;
      }
      return complete(run);
    },
    collect() {
      const run = current;
      if (!run) return errorResult(new Error('No run in progress'));
      if (!run.settled) {
        run.error = new Error(
          'The code returned a promise that never settles (nothing can resolve it: timers and network are not available)',
        );
      }
      return complete(run);
    },
  });
});
