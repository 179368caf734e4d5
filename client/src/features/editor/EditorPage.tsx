import '@xyflow/react/dist/style.css';
import { ReactFlowProvider } from '@xyflow/react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { Logo } from '../../ui/Logo.tsx';
import { EmptyState, ErrorState, Spinner } from '../../ui/States.tsx';
import { useCollabSession } from './collab/useCollabSession.ts';
import { EditorWorkspace } from './EditorWorkspace.tsx';
import { markOnce } from './load-marks.ts';
import { useWorkflowMeta } from './useWorkflowMeta.ts';

markOnce('editor-chunk-evaluated');

/**
 * Workflow editor route: checks access over REST while the shared document connects (both at once: the server
 * refuses the document anyway to someone who may not see it, and the session closes on a REST error).
 */
export default function EditorPage({ workflowId, user }: { workflowId: string; user: User }) {
  const meta = useWorkflowMeta(workflowId);
  const collab = useCollabSession(workflowId, user, !meta.isError);
  if (meta.isPending) return <Spinner label="Opening workflow…" />;
  if (meta.isError) {
    const notFound = meta.error instanceof ApiError && meta.error.status === 404;
    return (
      <div className="mx-auto max-w-lg p-10">
        <Link href="/" className="mb-6 inline-block">
          <Logo />
        </Link>
        {notFound ? (
          <EmptyState
            title="Workflow not found"
            testId="editor-not-found"
            action={<Link href="/">Back to workflows</Link>}
          >
            It does not exist, or it was not shared with you.
          </EmptyState>
        ) : (
          <ErrorState
            error={meta.error}
            onRetry={() => meta.refetch()}
            title="Could not open this workflow"
          />
        )}
      </div>
    );
  }
  const { session, status, refusal } = collab;
  if (!session) return <Spinner label="Connecting…" />;
  return (
    <ReactFlowProvider>
      <EditorWorkspace
        key={workflowId}
        session={session}
        status={status}
        meta={meta.data}
        refusal={refusal}
      />
    </ReactFlowProvider>
  );
}
