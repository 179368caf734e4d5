import jmespath from 'jmespath';
import { DateTime } from 'luxon';
import { resolvePairedItem } from '../engine/paired-items.ts';
import type { ExecutionInfo, Item, RunData, SourceRef } from '../engine/types.ts';
import type { NodeParameters } from '../schema/workflow.ts';
import type { DataScope } from './runtime.ts';

/** What expressions can see of the running execution (built once per node run by the engine). */
export interface ExpressionContext {
  nodeName: string;
  parameters: NodeParameters;
  /** Items per input index of the running node. */
  inputs: Item[][];
  /** Where each input came from (paired-item resolution, `$prevNode`). */
  source: (SourceRef | null)[];
  runIndex: number;
  runData: RunData;
  workflow: { id?: string; name: string; active: boolean };
  execution: Pick<ExecutionInfo, 'id' | 'mode' | 'resumeUrl' | 'customData'>;
  timezone: string;
  now(): number;
  /** Parameters of another node by name (undefined = no such node). */
  nodeParameters(name: string): NodeParameters | undefined;
  vars?: Record<string, string>;
}

/**
 * The `$…` variables for one item. One instance per node run; `itemIndex` is moved for each item so
 * evaluating 100k items allocates nothing here.
 */
export class ItemDataScope implements DataScope {
  ctx: ExpressionContext;
  itemIndex = 0;
  constructor(ctx: ExpressionContext) {
    this.ctx = ctx;
  }

  private item(): Item | undefined {
    return this.ctx.inputs[0]?.[this.itemIndex];
  }

  json(): unknown {
    return this.item()?.json ?? {};
  }

  has(name: string): boolean {
    return VARS.has(name);
  }

  get(name: string): unknown {
    const ctx = this.ctx;
    switch (name) {
      case '$json':
        return this.json();
      case '$binary':
        return this.item()?.binary ?? {};
      case '$input':
        return this.input();
      case '$':
        return (nodeName: unknown) => this.nodeProxy(String(nodeName));
      case '$node':
        return this.legacyNodes();
      case '$items':
        return (nodeName?: string, output = 0, run?: number) =>
          nodeName === undefined ? (ctx.inputs[0] ?? []) : this.outputOf(nodeName, output, run);
      case '$prevNode': {
        const s = ctx.source[0];
        return {
          name: s?.previousNode,
          outputIndex: s?.previousNodeOutput ?? 0,
          runIndex: s?.previousNodeRun ?? 0,
        };
      }
      case '$workflow':
        return { ...ctx.workflow };
      case '$execution':
        return { ...ctx.execution, customData: ctx.execution.customData };
      case '$itemIndex':
      case '$position':
        return this.itemIndex;
      case '$runIndex':
        return ctx.runIndex;
      case '$now':
        return DateTime.fromMillis(ctx.now(), { zone: ctx.timezone });
      case '$today':
        return DateTime.fromMillis(ctx.now(), { zone: ctx.timezone }).startOf('day');
      case '$jmespath':
        return (data: unknown, query: string) => jmespath.search(data as never, query);
      case '$parameter':
        return ctx.parameters;
      case '$vars':
        return { ...(ctx.vars ?? {}) };
      case '$env':
        throw new Error('Access to environment variables is not allowed in expressions');
      case '$if':
        return (c: unknown, a: unknown, b: unknown) => (c ? a : b);
      case '$ifEmpty':
        return (v: unknown, d: unknown) => (isEmpty(v) ? d : v);
      case '$max':
        return (...a: number[]) => Math.max(...a);
      case '$min':
        return (...a: number[]) => Math.min(...a);
      case 'items':
        return ctx.inputs[0] ?? [];
    }
    return undefined;
  }

  private input() {
    const items = this.ctx.inputs[0] ?? [];
    const idx = this.itemIndex;
    return {
      item: items[idx],
      all: () => items,
      first: () => items[0],
      last: () => items[items.length - 1],
      params: this.ctx.parameters,
      context: { noItemsLeft: undefined },
    };
  }

  private outputOf(nodeName: string, output = 0, run?: number): Item[] {
    const runs = this.ctx.runData[nodeName];
    if (!runs?.length) throw new Error(`Node "${nodeName}" hasn't been executed`);
    const r = runs[run ?? runs.length - 1];
    return r?.data.main[output] ?? [];
  }

  private paired(nodeName: string, itemIndex: number): Item {
    if (!this.ctx.runData[nodeName]?.length) throw new Error(`Node "${nodeName}" hasn't been executed`);
    const found = resolvePairedItem(this.ctx.runData, this.ctx.source[0], itemIndex, nodeName);
    if (!found) {
      throw new Error(
        `Can't get data for expression under "${nodeName}": paired item information is missing or the node is not on this item's path`,
      );
    }
    return found;
  }

  private nodeProxy(nodeName: string) {
    if (!this.ctx.nodeParameters(nodeName)) throw new Error(`Referenced node "${nodeName}" doesn't exist`);
    const self = this;
    const idx = this.itemIndex;
    return {
      get item() {
        return self.paired(nodeName, idx);
      },
      pairedItem: (i?: number) => self.paired(nodeName, i ?? idx),
      itemMatching: (i: number) => self.paired(nodeName, i),
      all: (branch = 0, run?: number) => self.outputOf(nodeName, branch, run),
      first: (branch = 0, run?: number) => self.outputOf(nodeName, branch, run)[0],
      last: (branch = 0, run?: number) => {
        const a = self.outputOf(nodeName, branch, run);
        return a[a.length - 1];
      },
      get isExecuted() {
        return (self.ctx.runData[nodeName]?.length ?? 0) > 0;
      },
      params: this.ctx.nodeParameters(nodeName),
      context: {},
    };
  }

  private legacyNodes() {
    const self = this;
    return new Proxy(Object.create(null), {
      get(_t, name) {
        if (typeof name !== 'string') return undefined;
        const params = self.ctx.nodeParameters(name);
        if (!params) return undefined;
        const item = () => {
          try {
            return self.paired(name, self.itemIndex);
          } catch {
            return self.outputOf(name)[self.itemIndex] ?? self.outputOf(name)[0];
          }
        };
        return {
          get json() {
            return item()?.json;
          },
          get binary() {
            return item()?.binary;
          },
          parameter: params,
          runIndex: Math.max(0, (self.ctx.runData[name]?.length ?? 1) - 1),
          context: {},
        };
      },
    });
  }
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

const VARS = new Set([
  '$json',
  '$binary',
  '$input',
  '$',
  '$node',
  '$items',
  '$prevNode',
  '$workflow',
  '$execution',
  '$itemIndex',
  '$position',
  '$runIndex',
  '$now',
  '$today',
  '$jmespath',
  '$parameter',
  '$vars',
  '$env',
  '$if',
  '$ifEmpty',
  '$max',
  '$min',
  'items',
]);
