import { attribution, docParts } from '@tandem/shared/doc';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { Avatar } from '../../../ui/Avatar.tsx';
import { relativeTime } from '../../../ui/format.ts';
import type { Peer } from '../collab/awareness-state.ts';
import type { FlowNode } from '../doc/graph-model.ts';
import { readY } from '../doc/read-doc.ts';
import { useEditor } from '../editor-context.ts';
import { findDescription } from '../library/node-catalog.ts';
import { CredentialPicker } from './CredentialPicker.tsx';
import type { FieldContext } from './field-context.ts';
import { NodeNameInput } from './NodeNameInput.tsx';
import { NodeSettings } from './NodeSettings.tsx';
import { ParameterList } from './ParameterList.tsx';
import { isVisible } from './param-logic.ts';

export type PanelTab = 'parameters' | 'settings' | 'output' | 'comments';

/** Right-hand panel for one node: parameters generated from its description, settings, run output. */
export function PropertyPanel({
  node,
  peers,
  onClose,
  sample,
  output,
  comments,
  commentCount = 0,
  actions,
  showTab,
}: {
  node: FlowNode;
  peers: Peer[];
  onClose: () => void;
  sample?: unknown[];
  output?: React.ReactNode;
  comments?: React.ReactNode;
  commentCount?: number;
  /** Buttons for this node (its partial runs), under its name. */
  actions?: React.ReactNode;
  /**
   * Switches to a tab and gives its button the focus (the user was sent here, e.g. to a failed node's error); a new
   * object each time, so asking again for the tab the user left goes back to it.
   */
  showTab?: { tab: PanelTab };
}) {
  const { session, readOnly, descriptions } = useEditor();
  const [tab, setTab] = useState<PanelTab>(showTab?.tab ?? 'parameters');
  const tabButtons = useRef<Partial<Record<PanelTab, HTMLButtonElement | null>>>({});
  useEffect(() => {
    if (!showTab) return;
    setTab(showTab.tab);
    tabButtons.current[showTab.tab]?.focus();
  }, [showTab]);
  const [error, setError] = useState<string | null>(null);
  const view = node.data;
  const desc = findDescription(descriptions, view.type);
  const editors = peers.filter((p) => p.editing === node.id);
  const raw = useNodeRaw(node.id, view);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read attribution whenever the node changed
  const attr = useMemo(() => attribution(session.doc, node.id), [session, node.id, view]);
  const apply = (ops: Parameters<typeof session.apply>[0]) => {
    try {
      session.apply(ops);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const ctx: FieldContext = {
    nodeId: node.id,
    root: view.parameters,
    typeVersion: view.typeVersion,
    readOnly,
    onSet: (path, value) => apply([{ op: 'setParameter', nodeId: node.id, path, value: value as never }]),
    sample,
    attribution: attr,
  };
  const creds = (raw.credentials ?? {}) as Record<string, { id?: string | null; name: string }>;
  const credDescs = (desc?.credentials ?? []).filter((c) =>
    isVisible(c.displayOptions, view.parameters, view.parameters, view.typeVersion),
  );
  const last = attr[''];
  return (
    <aside
      className="flex w-[420px] shrink-0 flex-col border-l border-slate-200 bg-white"
      data-testid="property-panel"
      data-node-id={node.id}
    >
      <header className="space-y-2 border-b border-slate-100 px-4 pt-3">
        <div className="flex items-center gap-2">
          <NodeNameInput nodeId={node.id} name={view.name} readOnly={readOnly} onError={setError} />
          <button
            type="button"
            onClick={onClose}
            className="text-slate-400 hover:text-slate-700"
            data-testid="panel-close"
            aria-label="Close panel"
          >
            ✕
          </button>
        </div>
        <p className="text-xs text-slate-500">
          {desc?.displayName ?? view.type} · v{view.typeVersion}
          {last && (
            <span data-testid="node-last-changed">
              {' '}
              · last changed by {last.name ?? 'someone'} {relativeTime(last.at)}
            </span>
          )}
        </p>
        {actions}
        {editors.length > 0 && (
          <div
            className="flex items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800"
            data-testid="panel-peer-editing"
          >
            {editors.slice(0, 3).map((p) => (
              <Avatar key={p.clientId} name={p.user.name} id={p.user.id} color={p.user.color} size={18} />
            ))}
            {editors.map((p) => p.user.name).join(', ')} {editors.length > 1 ? 'are' : 'is'} editing this node
          </div>
        )}
        {readOnly && (
          <p className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-600">
            View only: you cannot change this workflow.
          </p>
        )}
        <nav className="-mb-px flex gap-4 text-sm">
          {(['parameters', 'settings', 'output', 'comments'] as PanelTab[]).map((t) => (
            <button
              key={t}
              type="button"
              ref={(el) => {
                tabButtons.current[t] = el;
              }}
              onClick={() => setTab(t)}
              data-testid={`panel-tab-${t}`}
              className={`border-b-2 pb-2 capitalize ${tab === t ? 'border-indigo-600 font-medium text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
            >
              {t}
              {t === 'comments' && commentCount > 0 ? ` (${commentCount})` : ''}
            </button>
          ))}
        </nav>
      </header>
      {error && (
        <p
          className="mx-4 mt-3 rounded-md bg-rose-50 px-3 py-2 text-xs text-rose-700"
          role="alert"
          data-testid="panel-error"
        >
          {error}
        </p>
      )}
      <div className="flex-1 overflow-y-auto p-4">
        {tab === 'parameters' && (
          <div className="space-y-5">
            {credDescs.map((c) => (
              <CredentialPicker
                key={c.name}
                type={c.name}
                required={c.required}
                value={creds[c.name]}
                readOnly={readOnly}
                onChange={(ref) => {
                  const next = { ...creds };
                  if (ref) next[c.name] = ref;
                  else delete next[c.name];
                  apply([
                    {
                      op: 'setNodeField',
                      nodeId: node.id,
                      field: 'credentials',
                      value: Object.keys(next).length ? next : undefined,
                    },
                  ]);
                }}
              />
            ))}
            {desc ? (
              desc.properties.length ? (
                <ParameterList params={desc.properties} values={view.parameters} path={[]} ctx={ctx} />
              ) : (
                <p className="text-sm text-slate-500">This node has no parameters.</p>
              )
            ) : (
              <div className="space-y-2">
                <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">
                  Unknown node type “{view.type}”. Its parameters are shown as JSON.
                </p>
                <pre className="overflow-auto rounded-md bg-slate-50 p-3 text-xs">
                  {JSON.stringify(view.parameters, null, 2)}
                </pre>
              </div>
            )}
          </div>
        )}
        {tab === 'settings' && <NodeSettings node={view} raw={raw} readOnly={readOnly} apply={apply} />}
        {tab === 'comments' && comments}
        {tab === 'output' &&
          (output ?? <p className="text-sm text-slate-500">Run the workflow to see this node's data.</p>)}
      </div>
    </aside>
  );
}

/** Node-level fields (credentials, settings) read straight from the node map; re-read when the node changes. */
function useNodeRaw(nodeId: string, version: unknown): Record<string, unknown> {
  const { session } = useEditor();
  const [raw, setRaw] = useState<Record<string, unknown>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes whenever the node does
  useEffect(() => {
    const m = docParts(session.doc).nodes.get(nodeId);
    const out: Record<string, unknown> = {};
    if (m instanceof Y.Map)
      for (const [k, v] of m.entries()) if (!k.startsWith('$') && k !== 'parameters') out[k] = readY(v);
    setRaw(out);
  }, [session, nodeId, version]);
  return raw;
}
