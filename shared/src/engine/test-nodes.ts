import type { Item, NodeDescription, NodeOutput, NodeRunContext, NodeType } from './types.ts';
import { NodeOperationError, NonRetriableError } from './types.ts';

/** Minimal node types used by the engine's own tests (the real nodes live in worker/src/nodes). */

function desc(type: string, extra: Partial<NodeDescription> = {}): NodeDescription {
  return {
    type,
    displayName: type,
    description: type,
    group: 'flow',
    versions: [1],
    inputs: 1,
    outputs: 1,
    properties: [],
    ...extra,
  };
}

const trace = (ctx: NodeRunContext, it: Item, i: number): Item => ({
  json: { ...it.json, trace: [...((it.json.trace as string[]) ?? []), ctx.node.name] },
  pairedItem: { item: i },
});

export const triggerType: NodeType = {
  description: desc('testTrigger', { trigger: true, inputs: 0 }),
  execute: (ctx) => [ctx.inputs[0] ?? [{ json: {} }]],
};

/** Passes items through, appending its name to `json.trace`; `value` parameter (resolved) stored as json.value. */
export const passType: NodeType = {
  description: desc('pass', {
    properties: [{ name: 'value', displayName: 'Value', type: 'string', default: '' }],
  }),
  execute: (ctx) => [
    (ctx.inputs[0] ?? []).map((it, i) => {
      const out = trace(ctx, it, i);
      const v = ctx.getNodeParameter('value', i);
      if (v !== '') out.json.value = v;
      return out;
    }),
  ],
};

/** Emits `count` items. */
export const fanOutType: NodeType = {
  description: desc('fanOut', {
    properties: [{ name: 'count', displayName: 'Count', type: 'number', default: 3 }],
  }),
  execute: (ctx) => {
    const n = Number(ctx.getNodeParameter('count', 0));
    return [Array.from({ length: n }, (_, i) => ({ json: { i }, pairedItem: { item: 0 } }))];
  },
};

/** Two outputs: items whose `json[field]` is truthy go to output 0, others to 1. */
export const branchType: NodeType = {
  description: desc('branch', {
    outputs: 2,
    properties: [{ name: 'field', displayName: 'Field', type: 'string', default: 'ok' }],
  }),
  execute: (ctx) => {
    const field = String(ctx.getNodeParameter('field', 0));
    const out: NodeOutput = [[], []];
    (ctx.inputs[0] ?? []).forEach((it, i) => {
      out[it.json[field] ? 0 : 1]!.push(trace(ctx, it, i));
    });
    return out;
  },
};

/** Two inputs appended (requires at least one). */
export const mergeType: NodeType = {
  description: desc('merge', { inputs: 2, requiredInputs: 1 }),
  execute: (ctx) => [
    ctx.inputs.flatMap((items, input) =>
      (items ?? []).map((it, i) => ({ ...trace(ctx, it, i), pairedItem: { item: i, input } })),
    ),
  ],
};

/** Fails the first `failTimes` runs (counted in services.counters), or always when failTimes = -1. */
export const flakyType: NodeType = {
  description: desc('flaky', {
    properties: [
      { name: 'failTimes', displayName: 'Fail times', type: 'number', default: -1 },
      { name: 'nonRetriable', displayName: 'Non retriable', type: 'boolean', default: false },
    ],
  }),
  execute: (ctx) => {
    const counters = ctx.services.counters as Record<string, number>;
    const n = (counters[ctx.node.name] = (counters[ctx.node.name] ?? 0) + 1);
    const failTimes = Number(ctx.getNodeParameter('failTimes', 0));
    if (failTimes === -1 || n <= failTimes) {
      if (ctx.getNodeParameter('nonRetriable', 0)) throw new NonRetriableError('permanent failure');
      throw new NodeOperationError(`failure #${n}`);
    }
    return [(ctx.inputs[0] ?? []).map((it, i) => trace(ctx, it, i))];
  },
};

/** Never finishes on its own; records whether it saw the abort. */
export const hangType: NodeType = {
  description: desc('hang', {
    properties: [{ name: 'honourSignal', displayName: 'x', type: 'boolean', default: true }],
  }),
  execute: (ctx) =>
    new Promise<NodeOutput>((_resolve, reject) => {
      const seen = ctx.services.seen as string[];
      seen.push('started');
      if (ctx.getNodeParameter('honourSignal', 0)) {
        ctx.signal.addEventListener('abort', () => {
          seen.push('aborted');
          reject(new Error('aborted'));
        });
      }
    }),
};

/** Parks the execution until resumed. */
export const waitType: NodeType = {
  description: desc('wait'),
  execute: (ctx) => {
    ctx.helpers.putExecutionToWait(null);
    return [ctx.inputs[0] ?? []];
  },
};

/** Loop Over Items in miniature: output 0 = done, 1 = loop; batch size 1. */
export const loopType: NodeType = {
  description: desc('loop', { outputs: 2 }),
  execute: (ctx) => {
    const s = ctx.nodeState as { items?: Item[]; processed?: Item[] };
    if (!s.items) {
      s.items = (ctx.inputs[0] ?? []).slice();
      s.processed = [];
    } else {
      s.processed!.push(...(ctx.inputs[0] ?? []));
    }
    const batch = s.items.splice(0, 1);
    if (batch.length === 0) {
      const done = s.processed!;
      delete s.items;
      return [done, []];
    }
    return [[], batch];
  },
};

export const testNodeTypes: NodeType[] = [
  triggerType,
  passType,
  fanOutType,
  branchType,
  mergeType,
  flakyType,
  hangType,
  waitType,
  loopType,
];
