import type { NodeTypes } from '@xyflow/react';
import { StickyNoteView } from './StickyNoteView.tsx';
import { WorkflowNodeView } from './WorkflowNodeView.tsx';

/** Module-scope node types: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { tandem: WorkflowNodeView, sticky: StickyNoteView };
