import { newId } from '@tandem/shared/util';
import { inputClass } from '../../../ui/Field.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import type { FieldContext, ParamPath } from './field-context.ts';
import { FILTER_OPERATORS, operatorFromKey, operatorKey } from './filter-operators.ts';
import { isExpression } from './param-logic.ts';

type Condition = {
  id: string;
  leftValue: unknown;
  rightValue: unknown;
  operator: { type?: string; operation?: string; singleValue?: boolean };
};

function readFilter(value: unknown): { conditions: Condition[]; combinator: string } {
  const v = (value ?? {}) as { conditions?: unknown; combinator?: unknown };
  const conditions = Array.isArray(v.conditions)
    ? v.conditions
        .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
        .map((c) => ({
          id: typeof c.id === 'string' ? c.id : newId(),
          leftValue: c.leftValue ?? '',
          rightValue: c.rightValue ?? '',
          operator: (c.operator && typeof c.operator === 'object' ? c.operator : {}) as Condition['operator'],
        }))
    : [];
  return { conditions, combinator: v.combinator === 'or' ? 'or' : 'and' };
}

/** Conditions editor for n8n's `filter` parameter: value, operator, value; joined by AND/OR. */
export function FilterInput({
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
  const { conditions, combinator } = readFilter(value);
  const at = (i: number, key: string) => [...path, 'conditions', i, key];
  return (
    <div className="space-y-2" data-testid={testId}>
      {conditions.map((c, i) => {
        const single = operatorFromKey(operatorKey(c.operator)).singleValue;
        return (
          <div key={c.id}>
            {i > 0 && (
              <button
                type="button"
                disabled={ctx.readOnly}
                className="mb-1 rounded bg-slate-200 px-1.5 text-[10px] font-semibold text-slate-600 uppercase"
                onClick={() => ctx.onSet([...path, 'combinator'], combinator === 'and' ? 'or' : 'and')}
                data-testid={`${testId}-combinator`}
              >
                {combinator}
              </button>
            )}
            <div
              className="grid grid-cols-[minmax(0,1fr)_7.5rem_minmax(0,1fr)_1.25rem] items-start gap-1.5"
              data-testid={`${testId}-row`}
            >
              {isExpression(c.leftValue) ? (
                <div className="min-w-0">
                  <ExpressionInput
                    value={c.leftValue}
                    onChange={(v) => ctx.onSet(at(i, 'leftValue'), v)}
                    readOnly={ctx.readOnly}
                    sample={ctx.sample}
                    testId={`${testId}-left-${i}`}
                  />
                </div>
              ) : (
                <input
                  className={inputClass}
                  placeholder="value, or = for an expression"
                  value={String(c.leftValue)}
                  readOnly={ctx.readOnly}
                  onChange={(e) => ctx.onSet(at(i, 'leftValue'), e.target.value)}
                  data-testid={`${testId}-left-${i}`}
                />
              )}
              <select
                className={inputClass}
                value={operatorKey(c.operator)}
                disabled={ctx.readOnly}
                onChange={(e) => ctx.onSet(at(i, 'operator'), operatorFromKey(e.target.value))}
                data-testid={`${testId}-operator-${i}`}
              >
                {FILTER_OPERATORS.map((o) => (
                  <option key={`${o.type}:${o.operation}`} value={`${o.type}:${o.operation}`}>
                    {o.type} {o.label}
                  </option>
                ))}
              </select>
              {single ? (
                <span />
              ) : (
                <input
                  className={inputClass}
                  placeholder="value"
                  value={String(c.rightValue)}
                  readOnly={ctx.readOnly}
                  onChange={(e) => ctx.onSet(at(i, 'rightValue'), e.target.value)}
                  data-testid={`${testId}-right-${i}`}
                />
              )}
              {!ctx.readOnly && (
                <button
                  type="button"
                  className="px-1 text-slate-400 hover:text-rose-600"
                  onClick={() =>
                    ctx.onSet([...path, 'conditions'], conditions.filter((_, j) => j !== i) as never)
                  }
                  title="Remove condition"
                >
                  ✕
                </button>
              )}
            </div>
          </div>
        );
      })}
      {!ctx.readOnly && (
        <button
          type="button"
          className="w-full rounded-md border border-dashed border-slate-300 py-1 text-xs text-slate-600 hover:bg-slate-50"
          onClick={() =>
            ctx.onSet([...path, 'conditions', conditions.length], {
              id: newId(),
              leftValue: '',
              rightValue: '',
              operator: { type: 'string', operation: 'equals' },
            })
          }
          data-testid={`${testId}-add`}
        >
          + Add condition
        </button>
      )}
    </div>
  );
}
