import { Link } from 'wouter';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorBoundary } from '../../../ui/ErrorBoundary.tsx';
import { Logo } from '../../../ui/Logo.tsx';
import { useMediaQuery } from '../../../ui/useMediaQuery.ts';
import { AiToolbar } from '../ai/index.tsx';
import { useSuggestMode } from '../ai/useSuggestMode.ts';
import type { Peer } from '../collab/awareness-state.ts';
import type { SaveStatus } from '../collab/save-state.ts';
import { useEditor } from '../editor-context.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { ExecutionsButton } from '../run/ExecutionsButton.tsx';
import { RunControls } from '../run/RunControls.tsx';
import type { ShowNode } from '../run/RunErrorButton.tsx';
import type { ExecutionOverlayApi } from '../run/useExecutionOverlay.ts';
import type { WorkflowMeta } from '../useWorkflowMeta.ts';
import { VersionsButton } from '../versions/VersionsButton.tsx';
import { HeaderMoreMenu, type Toggle } from './HeaderMoreMenu.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { UndoRedo } from './UndoRedo.tsx';
import { WorkflowTitle } from './WorkflowTitle.tsx';

/** Room for every control on one line (e2e/editor-header.test.ts checks it from 1024 px). */
const ROOM_FOR_ALL = '(min-width: 1024px)';
/** How many others' avatars the header shows before "+N", with room for all and narrower. */
const AVATARS = { wide: 6, narrow: 3 };

/** The editor's header: where you are, who is here, and what you can do with the workflow. */
export function EditorHeader({
  meta,
  status,
  peers,
  run,
  onReplay,
  showNode,
  follow,
  activity,
}: {
  meta: WorkflowMeta;
  status: SaveStatus;
  peers: Peer[];
  run: ExecutionOverlayApi;
  /** Replay a past execution against the draft. */
  onReplay: (executionId: string) => void;
  /** Where "Show node" of a failed run takes the user. */
  showNode: ShowNode;
  /** Keep the running node in view. */
  follow: Toggle;
  /** The activity feed over the canvas. */
  activity: Toggle;
}) {
  const { session, readOnly } = useEditor();
  const [suggesting, setSuggesting] = useSuggestMode();
  const suggestMode = { on: suggesting, onChange: setSuggesting };
  // Narrower, the header keeps what someone building together needs at a glance or every minute: the name (which
  // workflow), save state (is my work safe), presence (who else is here), undo/redo, Run with its status (the
  // edit-run loop) and Ask AI (how people start building; its popover needs its button on screen). Suggest mode,
  // Follow run and Activity are modes switched now and then; Executions, History and Publish are occasional,
  // deliberate trips where one more click costs little. Those go into "More".
  const wide = useMediaQuery(ROOM_FOR_ALL);
  return (
    <header
      data-testid="editor-header"
      className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4"
    >
      <Link href="/" data-testid="editor-back" title="Back to workflows">
        <Logo wordmark="wide" />
      </Link>
      <span className="text-slate-300">/</span>
      <WorkflowTitle fallback={meta.name} />
      <SaveIndicator status={status} />
      {readOnly && (
        <Badge tone="amber" testId="viewer-badge">
          View only
        </Badge>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-2 whitespace-nowrap">
        <ErrorBoundary label="AI toolbar">
          <AiToolbar suggestMode={wide ? suggestMode : undefined} />
        </ErrorBoundary>
        <PresenceAvatars
          self={{ id: session.user.id, name: session.user.name, color: session.color }}
          peers={peers}
          max={wide ? AVATARS.wide : AVATARS.narrow}
        />
        {!readOnly && <UndoRedo />}
        {wide && (
          <>
            <label
              className="flex items-center gap-1 text-xs text-slate-600"
              title="Keep the running node in view"
            >
              <input
                type="checkbox"
                checked={follow.on}
                onChange={(e) => follow.onChange(e.target.checked)}
                data-testid="follow-run"
                aria-label="Follow run"
              />
              <span className="hidden xl:inline">Follow run</span>
            </label>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => activity.onChange(!activity.on)}
              aria-pressed={activity.on}
              data-testid="activity-toggle"
            >
              Activity
            </Button>
            <ExecutionsButton workflowRun={run} onReplay={readOnly ? undefined : onReplay} />
          </>
        )}
        <RunControls run={run} readOnly={readOnly} showNode={showNode} />
        {wide ? (
          <VersionsButton meta={meta} readOnly={readOnly} />
        ) : (
          <HeaderMoreMenu
            meta={meta}
            run={run}
            onReplay={onReplay}
            suggestMode={suggestMode}
            follow={follow}
            activity={activity}
          />
        )}
      </div>
    </header>
  );
}
