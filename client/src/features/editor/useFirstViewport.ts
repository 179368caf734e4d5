import { getViewportForBounds, useReactFlow, type Viewport } from '@xyflow/react';
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { estimatedBounds } from './canvas/estimated-bounds.ts';
import type { FlowEdge, FlowNode } from './doc/graph-model.ts';
import { markOnce } from './load-marks.ts';

const fit = (nodes: FlowNode[], width: number, height: number) =>
  getViewportForBounds(estimatedBounds(nodes), width, height, 0.1, 1, 0.25);

/**
 * The canvas's first viewport, fitted to the document's nodes from their positions (they are not measured yet).
 * The canvas mounts only once it is known (`viewport` null until then: measured from `box`, the element the canvas
 * fills, before paint), as React Flow's `defaultViewport`: the first frame renders every node where it belongs,
 * instead of the ones near the origin first and all of them again after a fit. A document still empty at mount
 * (its state had not arrived) is fitted once, when its first nodes do.
 */
export function useFirstViewport(box: RefObject<HTMLElement | null>, nodes: FlowNode[]): Viewport | null {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const fitted = useRef(false);
  useLayoutEffect(() => {
    markOnce('editor-mounted');
    // Read the box only while a fit is pending: in the commit that mounts the canvas (and on every later change
    // of `nodes`) a read would force a synchronous layout of the whole canvas.
    if (viewport && (fitted.current || nodes.length === 0)) return;
    const rect = box.current?.getBoundingClientRect();
    if (!viewport) {
      fitted.current = nodes.length > 0 && !!rect?.width && !!rect.height;
      setViewport(fitted.current && rect ? fit(nodes, rect.width, rect.height) : { x: 0, y: 0, zoom: 1 });
      return;
    }
    fitted.current = true;
    if (rect?.width && rect.height) rf.setViewport(fit(nodes, rect.width, rect.height));
    else requestAnimationFrame(() => rf.fitView({ maxZoom: 1, padding: 0.25 }));
  }, [nodes, rf, viewport, box]);
  return viewport;
}
