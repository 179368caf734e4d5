import type { ExecutionEvent } from '@tandem/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../events/memory-event-bus.ts';
import { waitFor } from '../queue/testing/redis.ts';
import { chainEnd } from './chain-end.ts';
import { MemoryExecutionStore } from './memory-store.ts';
import { ExecutionRunner } from './runner.ts';
import { standInRunWorkflow } from './testing/stand-in-engine.ts';
import { chain, gates, sideEffects, testNodeTypes } from './testing/test-nodes.ts';

let store: MemoryExecutionStore;
let events: MemoryEventBus;
let seen: ExecutionEvent[];
const signal = new AbortController().signal;
const runner = () =>
  new ExecutionRunner({ store, events, runWorkflow: standInRunWorkflow, nodeTypes: testNodeTypes });

beforeEach(async () => {
  store = new MemoryExecutionStore();
  events = new MemoryEventBus();
  seen = [];
  await events.subscribeWorkflow('w', (e) => seen.push(e));
  for (const k of Object.keys(sideEffects)) delete sideEffects[k];
});

/**
 * What happens in order: nodes starting, the mark-running write, checkpoints stored, the final state, webhook answers
 * of execution `id`.
 */
async function recordOrder(id: string): Promise<string[]> {
  const order: string[] = [];
  const markRunning = store.markRunning.bind(store);
  store.markRunning = async (execution, at) => {
    const ok = await markRunning(execution, at);
    order.push('marked running');
    return ok;
  };
  const save = store.saveCheckpoint.bind(store);
  store.saveCheckpoint = async (execution, node, runIndex, task) => {
    await save(execution, node, runIndex, task);
    order.push(`stored ${node}`);
  };
  const finish = store.finish.bind(store);
  store.finish = async (execution, state) => {
    const wrote = await finish(execution, state);
    order.push('final state');
    return wrote;
  };
  await events.subscribeWorkflow('w', (e) => e.type === 'node.started' && order.push(`start ${e.nodeName}`));
  await events.subscribeExecution(
    id,
    (m) => m.type === 'webhook.response' && order.push(`answer ${m.statusCode}`),
  );
  return order;
}

/**
 * Inserts execution `id`, a chain of `types` from N1 (a webhook call waiting for a Respond node's answer when
 * `webhook`), and records what happens to it (recordOrder).
 */
function chainRecorded(id: string, types: string[], webhook = false): Promise<string[]> {
  const input = { startNode: 'N1', ...(webhook ? { responseMode: 'responseNode' as const } : {}) };
  store.insert(
    { id, workflowId: 'w', ...(webhook ? { mode: 'webhook' as const } : {}), input },
    chain(types),
  );
  return recordOrder(id);
}

describe('checkpoints of a run', () => {
  it('each node is stored before the next starts; the last node of a chain only with the final state', async () => {
    const order = await chainRecorded('a', ['pass', 'pass', 'pass']);
    await runner().handle({ executionId: 'a', attempt: 1, signal });
    expect(order).toEqual([
      'start N1',
      'marked running',
      'stored N1',
      'start N2',
      'stored N2',
      'start N3',
      'final state',
    ]);
    const record = (await store.get('a'))!;
    expect(record.status).toBe('succeeded');
    expect(Object.keys(record.runData!)).toEqual(['N1', 'N2', 'N3']);
  });

  it('pure nodes are stored with the next node that has effects, or with the final state', async () => {
    const order = await chainRecorded('p', ['pass', 'pure', 'pure', 'pass', 'pure', 'pass']);
    await runner().handle({ executionId: 'p', attempt: 1, signal });
    expect(order).toEqual([
      'start N1',
      'marked running',
      'stored N1',
      'start N2',
      'start N3',
      'start N4',
      'stored N2',
      'stored N3',
      'stored N4',
      'start N5',
      'start N6',
      'final state',
    ]);
    const record = (await store.get('p'))!;
    expect(record.status).toBe('succeeded');
    expect(Object.keys(record.runData!)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6']);
  });

  it('a chain of pure nodes ending in Respond to Webhook commits once, then answers', async () => {
    const order = await chainRecorded('q', ['pure', 'pure', 'respondToWebhook'], true);
    // Nothing stored on the way, not even the mark-running write: the answer waits for the one commit of the final
    // state, which also sets the start.
    const before = Date.now();
    await runner().handle({ executionId: 'q', attempt: 1, signal });
    expect(order).toEqual(['start N1', 'start N2', 'start N3', 'final state', 'answer 201']);
    const record = (await store.get('q'))!;
    expect(Object.keys(record.runData!)).toEqual(['N1', 'N2', 'N3']);
    expect(record.startedAt).toBeGreaterThanOrEqual(before);
    expect(record.startedAt).toBeLessThanOrEqual(record.finishedAt!);
  });

  it('a chain ending in Respond to Webhook: the node before it is stored with the final state, then the answer goes', async () => {
    const order = await chainRecorded('r', ['pass', 'pass', 'respondToWebhook'], true);
    await runner().handle({ executionId: 'r', attempt: 1, signal });
    expect(order).toEqual([
      'start N1',
      'marked running',
      'stored N1',
      'start N2',
      'start N3',
      'final state',
      'answer 201',
    ]);
    expect(Object.keys((await store.get('r'))!.runData!)).toEqual(['N1', 'N2', 'N3']);
  });

  it('a run that goes on is marked running while it runs, not only at its end', async () => {
    const order = await chainRecorded('s', ['pure', 'gate', 'pure']);
    const done = runner().handle({ executionId: 's', attempt: 1, signal });
    await waitFor(async () => gates.has('N2'), 1000);
    expect(order).toEqual(['start N1', 'start N2']);
    expect((await store.get('s'))!.status).toBe('queued');
    await waitFor(async () => (await store.get('s'))!.status === 'running', 1000);
    expect(order).toEqual(['start N1', 'start N2', 'marked running']);
    gates.get('N2')!();
    await done;
    expect(order).toEqual([
      'start N1',
      'start N2',
      'marked running',
      'stored N1',
      'stored N2',
      'start N3',
      'final state',
    ]);
    const record = (await store.get('s'))!;
    expect(record.status).toBe('succeeded');
    expect(record.finishedAt! - record.startedAt!).toBeGreaterThanOrEqual(50);
  });

  it('a run that parks is marked running first', async () => {
    const order = await chainRecorded('k', ['pure', 'wait']);
    const park = store.park.bind(store);
    store.park = async (...args) => {
      order.push('parked');
      return park(...args);
    };
    await runner().handle({ executionId: 'k', attempt: 1, signal });
    expect(order).toEqual(['start N1', 'start N2', 'marked running', 'parked']);
    expect((await store.get('k'))!.status).toBe('waiting');
  });

  it('a run whose mark-running loses (canceled meanwhile) is aborted and writes nothing', async () => {
    store.insert({ id: 'b', workflowId: 'w' }, chain(['pass', 'pass']));
    const markRunning = store.markRunning.bind(store);
    store.markRunning = async (id, at) => {
      // The cancel's final write lands just before this one.
      await store.finish(id, { status: 'canceled', finishedAt: at, runData: null });
      return markRunning(id, at);
    };
    let saved = 0;
    store.saveCheckpoint = async () => {
      saved++;
    };
    await runner().handle({ executionId: 'b', attempt: 1, signal });
    const record = (await store.get('b'))!;
    expect(record.status).toBe('canceled');
    expect(record.runData).toBeNull();
    expect(saved).toBe(0);
    expect(seen.filter((e) => e.type === 'execution.finished')).toHaveLength(0);
  });

  it('a store failure at mark-running goes back to the queue (thrown), nothing written', async () => {
    store.insert({ id: 'c', workflowId: 'w' }, chain(['pass', 'pass']));
    store.markRunning = async () => {
      throw new Error('disk I/O error');
    };
    await expect(runner().handle({ executionId: 'c', attempt: 1, signal })).rejects.toThrow('disk I/O error');
    expect((await store.get('c'))!.status).toBe('queued');
  });
});

describe('chainEnd', () => {
  it('is the last node of a plain chain from the start node', () => {
    expect(chainEnd(chain(['pass', 'pass', 'pass']), 'N1')).toBe('N3');
    expect(chainEnd(chain(['pass']), 'N1')).toBe('N1');
    expect(chainEnd(chain(['pass', 'pass']), undefined)).toBeNull();
    expect(chainEnd(chain(['pass', 'pass']), 'Nope')).toBeNull();
  });

  it('is null when anything could run after a leaf: branches, merges, loops, sub-nodes', () => {
    const branch = chain(['pass', 'pass', 'pass']);
    branch.connections.N1 = {
      main: [
        [
          { node: 'N2', type: 'main', index: 0 },
          { node: 'N3', type: 'main', index: 0 },
        ],
      ],
    };
    expect(chainEnd(branch, 'N1')).toBeNull();
    const errorOutput = chain(['pass', 'pass', 'pass']);
    errorOutput.connections.N1 = {
      main: [[{ node: 'N2', type: 'main', index: 0 }], [{ node: 'N3', type: 'main', index: 0 }]],
    };
    expect(chainEnd(errorOutput, 'N1')).toBeNull();
    const loop = chain(['pass', 'pass', 'pass']);
    loop.connections.N3 = { main: [[{ node: 'N2', type: 'main', index: 0 }]] };
    expect(chainEnd(loop, 'N1')).toBeNull();
    const subNode = chain(['pass', 'pass']);
    subNode.nodes.push({ ...subNode.nodes[0], id: 'lm', name: 'Model' });
    subNode.connections.Model = { ai_languageModel: [[{ node: 'N2', type: 'ai_languageModel', index: 0 }]] };
    expect(chainEnd(subNode, 'N1')).toBeNull();
  });
});
