import { Handle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { inHandle, outHandle } from '../doc/graph-model.ts';

/**
 * A port's `top` when a side has several (React Flow's handle CSS centres a lone one). Inline styles only where
 * they differ from the stylesheet: the first render of a large canvas sets every one of them on every node.
 */
export function handleTop(i: number, count: number): CSSProperties | undefined {
  return count > 1 ? { top: `${((i + 1) / (count + 1)) * 100}%` } : undefined;
}

/**
 * `handleTop` for the far form, whose ports are placed in its frame's padding box: the same offset from the node's
 * outer top edge as the near form's (`--far-frame`: the frame's width, see index.css).
 */
export function farHandleTop(i: number, count: number): CSSProperties | undefined {
  if (count <= 1) return undefined;
  const f = (i + 1) / (count + 1);
  return { top: `calc(${f * 100}% + ${2 * f - 1} * var(--far-frame, 3px))` };
}

const NEAR = 'tandem-handle tandem-handle-near !size-3 !border-2 !border-white';
const FAR = 'tandem-handle tandem-handle-far';

/**
 * A node's ports (React Flow handles): inputs on the left, outputs on the right, in the near form (with the
 * outputs' labels) or the far form (see FarNodeView). A function the node views call, not a component: the first
 * render of a large canvas pays for every extra component per node.
 */
export function nodePorts(inputs: number, outputs: number, far: boolean, outputLabels?: string[]) {
  const top = far ? farHandleTop : handleTop;
  return (
    <>
      {Array.from({ length: inputs }, (_, i) => (
        <Handle
          key={inHandle(i)}
          id={inHandle(i)}
          type="target"
          position={Position.Left}
          style={top(i, inputs)}
          className={far ? FAR : `${NEAR} !bg-slate-400`}
        />
      ))}
      {Array.from({ length: outputs }, (_, i) => (
        <Handle
          key={outHandle(i)}
          id={outHandle(i)}
          type="source"
          position={Position.Right}
          style={top(i, outputs)}
          className={far ? FAR : `${NEAR} !bg-slate-500`}
          data-testid={`handle-out-${i}`}
        >
          {outputLabels?.[i] && (
            <span className="pointer-events-none absolute left-3 -top-2 text-[10px] whitespace-nowrap text-slate-500">
              {outputLabels[i]}
            </span>
          )}
        </Handle>
      ))}
    </>
  );
}
