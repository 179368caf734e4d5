import { newId } from '@tandem/shared/util';
import { inputClass } from '../../../ui/Field.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import type { FieldContext, ParamPath } from './field-context.ts';
import { isExpression } from './param-logic.ts';

type Assignment = { id: string; name: string; value: unknown; type: string };
const TYPES = ['string', 'number', 'boolean', 'array', 'object'];

/** Read the assignments list of an n8n `assignmentCollection` value, dropping malformed entries. */
export function readAssignments(value: unknown): Assignment[] {
  const list = (value as { assignments?: unknown } | null)?.assignments;
  if (!Array.isArray(list)) return [];
  return list
    .filter((a): a is Record<string, unknown> => !!a && typeof a === 'object')
    .map((a) => ({
      id: typeof a.id === 'string' ? a.id : newId(),
      name: typeof a.name === 'string' ? a.name : '',
      value: a.value ?? '',
      type: typeof a.type === 'string' ? a.type : 'string',
    }));
}

/** Set node fields: name, type and value (fixed or expression) per row. */
export function AssignmentsInput({
  value,
  path,
  ctx,
  testId,
}: {
  value: unknown;
  path: ParamPath;
  ctx: FieldContext;
  testId: string;
}) {
  const rows = readAssignments(value);
  const at = (i: number, key: keyof Assignment) => [...path, 'assignments', i, key];
  return (
    <div className="space-y-2" data-testid={testId}>
      {rows.map((a, i) => (
        <div
          key={a.id}
          className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50/60 p-2"
          data-testid={`${testId}-row`}
        >
          <div className="flex gap-1.5">
            <input
              className={inputClass}
              placeholder="name"
              value={a.name}
              readOnly={ctx.readOnly}
              onChange={(e) => ctx.onSet(at(i, 'name'), e.target.value)}
              data-testid={`${testId}-name-${i}`}
            />
            <select
              className={`${inputClass} w-28`}
              value={a.type}
              disabled={ctx.readOnly}
              onChange={(e) => ctx.onSet(at(i, 'type'), e.target.value)}
            >
              {TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            {!ctx.readOnly && (
              <button
                type="button"
                className="px-1 text-slate-400 hover:text-rose-600"
                onClick={() => ctx.onSet([...path, 'assignments'], rows.filter((_, j) => j !== i) as never)}
                title="Remove field"
              >
                ✕
              </button>
            )}
          </div>
          {isExpression(a.value) ? (
            <ExpressionInput
              value={a.value}
              onChange={(v) => ctx.onSet(at(i, 'value'), v)}
              readOnly={ctx.readOnly}
              sample={ctx.sample}
            />
          ) : (
            <input
              className={inputClass}
              placeholder="value — start with = for an expression"
              value={String(a.value ?? '')}
              readOnly={ctx.readOnly}
              onChange={(e) => ctx.onSet(at(i, 'value'), e.target.value)}
              data-testid={`${testId}-value-${i}`}
            />
          )}
        </div>
      ))}
      {!ctx.readOnly && (
        <button
          type="button"
          className="w-full rounded-md border border-dashed border-slate-300 py-1 text-xs text-slate-600 hover:bg-slate-50"
          onClick={() =>
            ctx.onSet([...path, 'assignments', rows.length], {
              id: newId(),
              name: '',
              value: '',
              type: 'string',
            })
          }
          data-testid={`${testId}-add`}
        >
          + Add field
        </button>
      )}
    </div>
  );
}
