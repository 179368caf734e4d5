import type { DocOpInput } from '@tandem/shared/doc';
import { inputClass } from '../../../ui/Field.tsx';
import type { NodeView } from '../doc/read-doc.ts';
import { BooleanInput } from './SimpleInputs.tsx';

type Field = 'disabled' | 'retryOnFail' | 'alwaysOutputData' | 'executeOnce';

/** Node-level settings: notes, disabled, retries, error handling. */
export function NodeSettings({
  node,
  raw,
  readOnly,
  apply,
}: {
  node: NodeView;
  raw: Record<string, unknown>;
  readOnly: boolean;
  apply: (ops: DocOpInput[]) => void;
}) {
  const set = (field: string, value: unknown) =>
    apply([{ op: 'setNodeField', nodeId: node.id, field: field as never, value }]);
  const toggle = (field: Field, label: string) => (
    <div className="flex items-center justify-between">
      <span className="text-sm text-slate-700">{label}</span>
      <BooleanInput
        param={{ name: field, displayName: label, type: 'boolean', default: false }}
        value={raw[field] === true}
        onChange={(v) => set(field, v ? true : undefined)}
        readOnly={readOnly}
        testId={`setting-${field}`}
      />
    </div>
  );
  return (
    <div className="space-y-4" data-testid="node-settings">
      <label className="block space-y-1">
        <span className="text-xs font-medium text-slate-700">Notes</span>
        <textarea
          className={inputClass}
          rows={3}
          defaultValue={node.notes}
          readOnly={readOnly}
          onBlur={(e) => e.target.value !== node.notes && set('notes', e.target.value || undefined)}
          data-testid="setting-notes"
        />
      </label>
      {toggle('disabled', 'Disable node')}
      {toggle('alwaysOutputData', 'Always output data')}
      {toggle('executeOnce', 'Execute once')}
      {toggle('retryOnFail', 'Retry on fail')}
      {raw.retryOnFail === true && (
        <div className="grid grid-cols-2 gap-3">
          <label className="space-y-1">
            <span className="text-xs text-slate-600">Max tries</span>
            <input
              type="number"
              min={1}
              max={10}
              className={inputClass}
              readOnly={readOnly}
              defaultValue={typeof raw.maxTries === 'number' ? raw.maxTries : 3}
              onBlur={(e) =>
                set('maxTries', Math.min(10, Math.max(1, Math.round(Number(e.target.value) || 3))))
              }
            />
          </label>
          <label className="space-y-1">
            <span className="text-xs text-slate-600">Wait between (ms)</span>
            <input
              type="number"
              min={0}
              max={300000}
              className={inputClass}
              readOnly={readOnly}
              defaultValue={typeof raw.waitBetweenTries === 'number' ? raw.waitBetweenTries : 1000}
              onBlur={(e) =>
                set(
                  'waitBetweenTries',
                  Math.min(300_000, Math.max(0, Math.round(Number(e.target.value) || 0))),
                )
              }
            />
          </label>
        </div>
      )}
      <label className="block space-y-1">
        <span className="text-xs font-medium text-slate-700">On error</span>
        <select
          className={inputClass}
          disabled={readOnly}
          value={typeof raw.onError === 'string' ? raw.onError : 'stopWorkflow'}
          onChange={(e) => set('onError', e.target.value === 'stopWorkflow' ? undefined : e.target.value)}
          data-testid="setting-onError"
        >
          <option value="stopWorkflow">Stop workflow</option>
          <option value="continueRegularOutput">Continue</option>
          <option value="continueErrorOutput">Continue (using error output)</option>
        </select>
      </label>
    </div>
  );
}
