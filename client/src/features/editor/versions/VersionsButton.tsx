import { docToWorkflow } from '@tandem/shared/doc';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { workflowKeys } from '../../../api/query-keys.ts';
import { Button } from '../../../ui/Button.tsx';
import { relativeTime } from '../../../ui/format.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { ErrorState, FormError, Spinner } from '../../../ui/States.tsx';
import { useEditor } from '../editor-context.ts';
import type { WorkflowMeta } from '../useWorkflowMeta.ts';
import { DiffList } from './DiffList.tsx';
import { fetchVersion, listVersions, publish, restoreVersion } from './versions-api.ts';
import { diffWorkflows } from './workflow-diff.ts';

export type VersionsDialogKind = 'publish' | 'history';

/** Publish (after reviewing the node-level diff against the latest version) and version history with restore. */
export function VersionsButton({ meta, readOnly }: { meta: WorkflowMeta; readOnly: boolean }) {
  const [dialog, setDialog] = useState<VersionsDialogKind | null>(null);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setDialog('history')} data-testid="history-open">
        History
      </Button>
      {!readOnly && (
        <Button size="sm" onClick={() => setDialog('publish')} data-testid="publish-open">
          Publish
        </Button>
      )}
      {dialog && (
        <VersionsDialog kind={dialog} meta={meta} readOnly={readOnly} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

/** The publish dialog or the version history, for whichever opener (these buttons, the header's menu). */
export function VersionsDialog({
  kind,
  meta,
  readOnly,
  onClose,
}: {
  kind: VersionsDialogKind;
  meta: WorkflowMeta;
  readOnly: boolean;
  onClose: () => void;
}) {
  return kind === 'publish' ? (
    <PublishDialog workflowId={meta.id} onClose={onClose} />
  ) : (
    <HistoryDialog workflowId={meta.id} readOnly={readOnly} onClose={onClose} />
  );
}

function useLatestVersion(workflowId: string) {
  const versions = useQuery({
    queryKey: workflowKeys.versions(workflowId),
    queryFn: () => listVersions(workflowId),
  });
  const latest =
    versions.data?.reduce<number | null>((m, v) => (m === null || v.number > m ? v.number : m), null) ?? null;
  const wf = useQuery({
    queryKey: workflowKeys.version(workflowId, String(latest)),
    queryFn: () => fetchVersion(workflowId, latest!),
    enabled: latest !== null,
  });
  return { versions, latest, wf };
}

function PublishDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const { session } = useEditor();
  const qc = useQueryClient();
  const { versions, latest, wf } = useLatestVersion(workflowId);
  const draft = docToWorkflow(session.doc);
  const base = latest === null ? { nodes: [], connections: {}, settings: {} } : wf.data;
  const m = useMutation({
    mutationFn: () => publish(workflowId),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: workflowKeys.all() });
      onClose();
    },
  });
  return (
    <Modal
      title="Publish draft"
      onClose={onClose}
      testId="publish-dialog"
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            busy={m.isPending}
            onClick={() => m.mutate()}
            data-testid="publish-confirm"
          >
            Publish version {latest === null ? 1 : latest + 1}
          </Button>
        </>
      }
    >
      <p className="mb-3 text-sm text-slate-500">
        Triggers (webhooks, schedules, API calls) run the published version.{' '}
        {latest === null ? 'This will be the first version.' : `Changes since version ${latest}:`}
      </p>
      {versions.isPending || (latest !== null && wf.isPending) ? (
        <Spinner />
      ) : versions.isError || wf.isError ? (
        <ErrorState error={versions.error ?? wf.error} />
      ) : base ? (
        <DiffList diff={diffWorkflows(base, draft)} />
      ) : null}
      <div className="mt-3">
        <FormError error={m.error} />
      </div>
    </Modal>
  );
}

function HistoryDialog({
  workflowId,
  readOnly,
  onClose,
}: {
  workflowId: string;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { session } = useEditor();
  const qc = useQueryClient();
  const versions = useQuery({
    queryKey: workflowKeys.versions(workflowId),
    queryFn: () => listVersions(workflowId),
  });
  const [picked, setPicked] = useState<number | null>(null);
  const version = useQuery({
    queryKey: workflowKeys.version(workflowId, String(picked)),
    queryFn: () => fetchVersion(workflowId, picked!),
    enabled: picked !== null,
  });
  const restore = useMutation({
    mutationFn: (n: number) => restoreVersion(workflowId, n),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: workflowKeys.detail(workflowId) });
      onClose();
    },
  });
  const sorted = [...(versions.data ?? [])].sort((a, b) => b.number - a.number);
  return (
    <Modal title="Version history" onClose={onClose} testId="history-dialog" wide>
      {versions.isPending ? (
        <Spinner />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => versions.refetch()} />
      ) : sorted.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="history-empty">
          Nothing published yet. Publish the draft to create version 1.
        </p>
      ) : (
        <div className="grid grid-cols-5 gap-4">
          <ul className="col-span-2 space-y-1">
            {sorted.map((v) => (
              <li key={v.id ?? v.number}>
                <button
                  type="button"
                  onClick={() => setPicked(v.number)}
                  className={`w-full rounded-md px-3 py-2 text-left text-sm ${picked === v.number ? 'bg-indigo-50 ring-1 ring-indigo-200' : 'hover:bg-slate-50'}`}
                  data-testid="version-row"
                >
                  <span className="font-medium">Version {v.number}</span>
                  <span className="block text-xs text-slate-500">
                    {relativeTime(v.createdAt)}
                    {v.authorName ? ` · ${v.authorName}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="col-span-3 space-y-3">
            {picked === null ? (
              <p className="text-sm text-slate-500">Pick a version to compare it with the draft.</p>
            ) : version.isPending ? (
              <Spinner />
            ) : version.isError ? (
              <ErrorState error={version.error} />
            ) : (
              <>
                <p className="text-xs font-medium text-slate-500">Draft compared with version {picked}:</p>
                <DiffList diff={diffWorkflows(version.data, docToWorkflow(session.doc))} />
                {!readOnly && (
                  <Button
                    variant="primary"
                    size="sm"
                    busy={restore.isPending}
                    onClick={() => {
                      if (
                        confirm(`Replace the draft with version ${picked}? Everyone editing sees the change.`)
                      )
                        restore.mutate(picked);
                    }}
                    data-testid="version-restore"
                  >
                    Restore version {picked}
                  </Button>
                )}
                <FormError error={restore.error} />
              </>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}
