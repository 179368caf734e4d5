import type { NodeRunContext, NodeType } from '@tandem/shared/engine';
import { noOpDescription } from '@tandem/shared/nodes';
import { describe, expect, it } from 'vitest';
import { lazyNode } from './lazy-node.ts';

const ctx = { inputs: [[{ json: { a: 1 } }]] } as unknown as NodeRunContext;

describe('lazyNode', () => {
  it('imports the implementation on the first run only, then runs it directly', async () => {
    let loads = 0;
    const impl: NodeType = { description: noOpDescription, execute: (c) => [c.inputs[0] as never] };
    const node = lazyNode(noOpDescription, async () => {
      loads++;
      return impl;
    });
    expect(node.description).toBe(noOpDescription);
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([node.execute(ctx), node.execute(ctx)]);
    expect(first).toEqual([[{ json: { a: 1 } }]]);
    expect(second).toEqual(first);
    expect(loads).toBe(1);
    // Loaded: the answer is the implementation's own, not a promise wrapped around it.
    expect(node.execute(ctx)).toEqual([[{ json: { a: 1 } }]]);
  });

  it('fails the run when the import fails, and tries again on the next run', async () => {
    let attempt = 0;
    const node = lazyNode(noOpDescription, async () => {
      if (++attempt === 1) throw new Error('module not found');
      return { description: noOpDescription, execute: () => [[]] };
    });
    await expect(node.execute(ctx)).rejects.toThrow('module not found');
    await expect(node.execute(ctx)).resolves.toEqual([[]]);
  });
});
