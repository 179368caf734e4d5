import { useCallback, useRef, useState } from 'react';
import { MenuButton, type MenuItem } from '../../../ui/MenuButton.tsx';
import { returnFocus, useDismiss } from '../../../ui/useDismiss.ts';
import { useEditor } from '../editor-context.ts';
import { ExecutionsList } from '../run/ExecutionsList.tsx';
import type { ExecutionOverlayApi } from '../run/useExecutionOverlay.ts';
import type { WorkflowMeta } from '../useWorkflowMeta.ts';
import { VersionsDialog, type VersionsDialogKind } from '../versions/VersionsButton.tsx';

/** An on/off setting of the editor, for its control in the header or its item in the menu. */
export type Toggle = { on: boolean; onChange: (on: boolean) => void };

const checkItem = (label: string, testId: string, t: Toggle): MenuItem => ({
  label,
  testId,
  checked: t.on,
  onSelect: () => t.onChange(!t.on),
});

/**
 * "More" in the header on narrow screens: its secondary controls as menu items, and what they open (the executions
 * list under the button, the versions dialogs). The executions list has no button of its own: a pick in it or Escape
 * gives the focus back to "More", as the wide header's "Executions" does.
 */
export function HeaderMoreMenu({
  meta,
  run,
  onReplay,
  suggestMode,
  follow,
  activity,
}: {
  meta: WorkflowMeta;
  run: ExecutionOverlayApi;
  onReplay: (executionId: string) => void;
  suggestMode: Toggle;
  follow: Toggle;
  activity: Toggle;
}) {
  const { readOnly } = useEditor();
  const [executionsOpen, setExecutionsOpen] = useState(false);
  const [dialog, setDialog] = useState<VersionsDialogKind | null>(null);
  const more = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const closeList = useCallback(() => setExecutionsOpen(false), []);
  const pickedInList = useCallback(() => {
    returnFocus(list.current, more.current);
    setExecutionsOpen(false);
  }, []);
  useDismiss(list, more, executionsOpen, closeList);
  const items: MenuItem[] = [
    ...(readOnly ? [] : [checkItem('Suggest mode', 'header-more-suggest-mode', suggestMode)]),
    checkItem('Follow run', 'header-more-follow-run', follow),
    checkItem('Activity', 'header-more-activity', activity),
    { label: 'Executions', testId: 'header-more-executions', onSelect: () => setExecutionsOpen(true) },
    { label: 'History', testId: 'header-more-history', onSelect: () => setDialog('history') },
    ...(readOnly
      ? []
      : [{ label: 'Publish…', testId: 'header-more-publish', onSelect: () => setDialog('publish') }]),
  ];
  return (
    <div className="relative">
      <MenuButton label="More actions" items={items} testId="header-more" triggerRef={more}>
        <span aria-hidden="true">⋯</span>
        More
      </MenuButton>
      {executionsOpen && (
        <ExecutionsList
          ref={list}
          workflowRun={run}
          onReplay={readOnly ? undefined : onReplay}
          onClose={pickedInList}
        />
      )}
      {dialog && (
        <VersionsDialog kind={dialog} meta={meta} readOnly={readOnly} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
