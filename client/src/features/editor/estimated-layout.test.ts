import { describe, expect, it } from 'vitest';
import { estimatedLayout } from './estimated-layout.ts';
import type { NodeDescriptionDto } from './library/node-catalog.ts';

const desc = (d: Partial<NodeDescriptionDto>) => d as NodeDescriptionDto;
const descriptions = new Map([
  ['manualTrigger', desc({ type: 'manualTrigger', group: 'trigger', outputs: 1 })],
  ['if', desc({ type: 'if', inputs: 1, outputs: 2 })],
  ['switch', desc({ type: 'switch', inputs: 1, outputs: 4 })],
]);

describe('estimatedLayout', () => {
  it('lays out ports as WorkflowNodeView does: inputs left, outputs right, spread over the height', () => {
    const { width, height, handles } = estimatedLayout('if', descriptions);
    expect([width, height]).toEqual([220, 64]);
    expect(handles).toEqual([
      { id: 'i0', type: 'target', position: 'left', x: -6, y: 26, width: 12, height: 12 },
      { id: 'o0', type: 'source', position: 'right', x: 214, y: 64 / 3 - 6, width: 12, height: 12 },
      { id: 'o1', type: 'source', position: 'right', x: 214, y: (2 * 64) / 3 - 6, width: 12, height: 12 },
    ]);
  });
  it('grows with the port count and gives triggers no input', () => {
    expect(estimatedLayout('switch', descriptions).height).toBe(4 * 22 + 20);
    expect(estimatedLayout('manualTrigger', descriptions).handles.map((h) => h.id)).toEqual(['o0']);
    expect(estimatedLayout('n8n-nodes-base.if', descriptions).handles).toHaveLength(3);
  });
  it('assumes one input and one output for an unknown type', () => {
    expect(estimatedLayout('mystery', descriptions).handles.map((h) => h.id)).toEqual(['i0', 'o0']);
  });
});
