// Runs once inside every fresh sandbox context, before any user code (plain JS: it is evaluated in the isolate).
// It removes shared-memory / stateful built-ins and deep-freezes every intrinsic reachable from the global object,
// so one execution cannot poison prototypes or built-ins for the next one that reuses this context.
// The value of the script is a function taking the names of globals to keep for the runtime.

(function tandemLockdown() {
  const g = globalThis;
  const {
    getOwnPropertyDescriptor,
    getOwnPropertyDescriptors,
    defineProperty,
    freeze,
    getPrototypeOf,
    isFrozen,
  } = Object;
  const ownKeys = Reflect.ownKeys;

  // Shared memory, wasm (memory outside the heap limit), GC-driven callbacks that could fire in a later run,
  // and V8's inspector-less console are removed; the runtime passes its own console to user code.
  for (const name of ['SharedArrayBuffer', 'Atomics', 'WebAssembly', 'FinalizationRegistry', 'console']) {
    delete g[name];
  }
  // RegExp legacy statics ($1, lastMatch, input…) keep the last match of the previous run: a leak.
  for (const key of ownKeys(RegExp)) {
    if (!['length', 'name', 'prototype', 'escape'].includes(key) && typeof key === 'string')
      delete RegExp[key];
  }

  // The "override mistake": a frozen Object.prototype.toString makes `obj.toString = f` fail on every object.
  // Turn the properties people commonly assign on their own objects into accessors that define an own property.
  const enable = (obj, key) => {
    const desc = getOwnPropertyDescriptor(obj, key);
    if (!desc || !('value' in desc)) return;
    const value = desc.value;
    defineProperty(obj, key, {
      get() {
        return value;
      },
      set(v) {
        if (this === obj)
          throw new TypeError(`Cannot assign to read only property '${String(key)}' of a built-in`);
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  };
  for (const key of [
    'constructor',
    'toString',
    'valueOf',
    'toLocaleString',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
  ]) {
    enable(Object.prototype, key);
  }
  for (const E of [
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    ReferenceError,
    EvalError,
    URIError,
    AggregateError,
  ]) {
    enable(E.prototype, 'name');
    enable(E.prototype, 'message');
    enable(E.prototype, 'constructor');
  }
  enable(Error.prototype, 'toString');
  enable(Function.prototype, 'toString');

  // Intrinsics not reachable by walking the global object's properties.
  const hidden = [];
  const add = (fn) => {
    try {
      const v = fn();
      if (v) hidden.push(v);
    } catch {
      // not available in this V8: nothing to freeze
    }
  };
  add(() => getPrototypeOf(function* () {}));
  add(() => getPrototypeOf(async () => {}));
  add(() => getPrototypeOf(async function* () {}));
  add(() => getPrototypeOf([][Symbol.iterator]()));
  add(() => getPrototypeOf(new Map().entries()));
  add(() => getPrototypeOf(new Set().entries()));
  add(() => getPrototypeOf(''[Symbol.iterator]()));
  add(() => getPrototypeOf('a'.matchAll(/a/g)));
  add(() => getPrototypeOf(Int8Array));
  add(() => getPrototypeOf([].values().map((x) => x)));
  add(() => getPrototypeOf(Iterator.from({ next: () => ({ done: true }) })));
  add(() => getPrototypeOf(new Intl.Segmenter().segment('a')));
  add(() => getPrototypeOf(new Intl.Segmenter().segment('a')[Symbol.iterator]()));
  add(() => getPrototypeOf((async function* () {})().return()));

  const seen = new Set();
  const stack = [g, ...hidden];
  while (stack.length > 0) {
    const obj = stack.pop();
    if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null || seen.has(obj)) continue;
    seen.add(obj);
    const descs = getOwnPropertyDescriptors(obj);
    for (const key of ownKeys(descs)) {
      const d = descs[key];
      if ('value' in d) stack.push(d.value);
      if (d.get) stack.push(d.get);
      if (d.set) stack.push(d.set);
    }
    stack.push(getPrototypeOf(obj));
    if (obj === g) {
      // The global object stays extensible (sloppy `x = 1` must work during a run); its existing bindings
      // become read-only, and the runtime deletes whatever a run added.
      for (const key of ownKeys(descs)) {
        const d = descs[key];
        if (d.configurable)
          defineProperty(
            g,
            key,
            'value' in d ? { writable: false, configurable: false } : { configurable: false },
          );
      }
    } else if (!isFrozen(obj)) {
      freeze(obj);
    }
  }
  return seen.size;
})();
