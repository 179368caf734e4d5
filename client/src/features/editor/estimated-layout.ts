import { type NodeHandle, Position } from '@xyflow/react';
import { useMemo } from 'react';
import { type FlowNode, inHandle, outHandle } from './doc/graph-model.ts';
import { type NodeDescriptionDto, portCount } from './library/node-catalog.ts';

/** WorkflowNodeView's geometry: 220 px wide, 22 px per port row (at least 64 px high), 12 px handles on the sides. */
const NODE_W = 220;
const HANDLE = 12;

type Descriptions = Map<string, NodeDescriptionDto>;

/** The size and handles a workflow node will measure at, from its type's ports (as WorkflowNodeView lays it out). */
export function estimatedLayout(type: string, descriptions: Descriptions) {
  const desc = descriptions.get(type) ?? descriptions.get(type.replace(/^n8n-nodes-base\./, ''));
  const trigger = Boolean(desc?.trigger) || desc?.group === 'trigger';
  const inputs = portCount(desc?.inputs, trigger ? 0 : 1);
  const outputs = portCount(desc?.outputs, 1);
  const height = Math.max(64, Math.max(inputs, outputs) * 22 + 20);
  const side = (count: number, i: number, source: boolean): NodeHandle => ({
    id: source ? outHandle(i) : inHandle(i),
    type: source ? 'source' : 'target',
    position: source ? Position.Right : Position.Left,
    x: (source ? NODE_W : 0) - HANDLE / 2,
    y: ((i + 1) / (count + 1)) * height - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  });
  return {
    width: NODE_W,
    height,
    handles: [
      ...Array.from({ length: inputs }, (_, i) => side(inputs, i, false)),
      ...Array.from({ length: outputs }, (_, i) => side(outputs, i, true)),
    ],
  };
}

/**
 * Canvas nodes with the size and handles they will measure at (`initialWidth`, `initialHeight`, `handles`,
 * `measured`). React Flow otherwise renders new nodes hidden and their edges not at all until a ResizeObserver has
 * measured every one of them, a frame and a second render later; with them the first frame shows the whole graph.
 * With `measured` the measurement before the first paint finds every node at the size it already has, so it reports
 * no size changes: otherwise each node's size went through `onNodesChange` into the editor's node list, which gave
 * React Flow 200 new node objects and every node and edge rendered a second time before the paint. A node that
 * measures at another size is still corrected. One object per node object, kept while it and the descriptions are
 * unchanged.
 */
export function useEstimatedLayout(nodes: FlowNode[], descriptions: Descriptions): FlowNode[] {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cache whenever the descriptions change
  const cache = useMemo(() => new WeakMap<FlowNode, FlowNode>(), [descriptions]);
  return useMemo(
    () =>
      nodes.map((n) => {
        if (n.type !== 'tandem') return n;
        let out = cache.get(n);
        if (!out) {
          const { width, height, handles } = estimatedLayout(n.data.type, descriptions);
          out = { ...n, initialWidth: width, initialHeight: height, handles, measured: { width, height } };
          cache.set(n, out);
        }
        return out;
      }),
    [nodes, descriptions, cache],
  );
}
