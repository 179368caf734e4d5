import { lazy, Suspense } from 'react';
import { relativeTime } from '../../../ui/format.ts';
import { AssignmentsInput } from './AssignmentsInput.tsx';
import { CollectionInput } from './CollectionInput.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import { FilterInput } from './FilterInput.tsx';
import { FixedCollectionInput } from './FixedCollectionInput.tsx';
import { type FieldProps, paramTestId } from './field-context.ts';
import { fromExpression, isExpression, supportsExpression, toExpression } from './param-logic.ts';
import {
  BooleanInput,
  ColorInput,
  DateTimeInput,
  JsonInput,
  MultiOptionsInput,
  NumberInput,
  OptionsInput,
  StringInput,
} from './SimpleInputs.tsx';

// CodeMirror is big: loaded only when a code parameter is shown.
const CodeParameter = lazy(() => import('./CodeParameter.tsx'));

/** One parameter: label, fixed/expression toggle, and the input for its type. */
export function ParameterField({ param, value, path, ctx }: FieldProps) {
  const testId = paramTestId(path);
  if (param.type === 'notice')
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid={testId}>
        {param.displayName}
      </p>
    );
  const expr = isExpression(value);
  const set = (v: unknown) => ctx.onSet(path, v);
  const attr = ctx.attribution[`parameters.${path.join('.')}`];
  const isCode =
    param.type === 'code' || param.typeOptions?.editor === 'code' || param.typeOptions?.editor === 'sql';
  return (
    <div className="space-y-1" data-testid={`${testId}-field`}>
      <div className="flex items-center gap-2">
        <span className="text-xs font-medium text-slate-700" title={param.description}>
          {param.displayName}
          {param.required && <span className="text-rose-500"> *</span>}
        </span>
        {attr && (
          <span className="truncate text-[10px] text-slate-400" data-testid={`${testId}-changed-by`}>
            changed by {attr.name ?? 'someone'} {relativeTime(attr.at)}
          </span>
        )}
        {supportsExpression(param) && !ctx.readOnly && (
          <div className="ml-auto flex overflow-hidden rounded text-[10px] ring-1 ring-slate-200">
            <button
              type="button"
              className={`px-1.5 py-0.5 ${!expr ? 'bg-slate-700 text-white' : 'text-slate-500 hover:bg-slate-100'}`}
              onClick={() => expr && set(fromExpression(value, param))}
              data-testid={`${testId}-mode-fixed`}
            >
              Fixed
            </button>
            <button
              type="button"
              className={`px-1.5 py-0.5 ${expr ? 'bg-indigo-600 text-white' : 'text-slate-500 hover:bg-slate-100'}`}
              onClick={() => !expr && set(toExpression(value))}
              data-testid={`${testId}-mode-expression`}
            >
              Expression
            </button>
          </div>
        )}
      </div>
      {expr ? (
        <ExpressionInput
          value={value}
          onChange={set}
          readOnly={ctx.readOnly}
          sample={ctx.sample}
          testId={testId}
        />
      ) : isCode ? (
        <Suspense fallback={<div className="h-40 animate-pulse rounded-md bg-slate-100" />}>
          <CodeParameter
            nodeId={ctx.nodeId}
            path={path}
            initial={typeof value === 'string' ? value : String(param.default ?? '')}
            readOnly={ctx.readOnly}
            language={param.typeOptions?.editor === 'sql' ? 'sql' : 'javascript'}
            testId={testId}
          />
        </Suspense>
      ) : (
        <TypedInput param={param} value={value} path={path} ctx={ctx} set={set} testId={testId} />
      )}
      {param.description && param.type !== 'boolean' && (
        <p className="text-[11px] text-slate-400">{param.description}</p>
      )}
    </div>
  );
}

function TypedInput({
  param,
  value,
  path,
  ctx,
  set,
  testId,
}: FieldProps & { set: (v: unknown) => void; testId: string }) {
  const p = { param, value, onChange: set, readOnly: ctx.readOnly, testId };
  switch (param.type) {
    case 'number':
      return <NumberInput {...p} />;
    case 'boolean':
      return <BooleanInput {...p} />;
    case 'options':
      return <OptionsInput {...p} />;
    case 'multiOptions':
      return <MultiOptionsInput {...p} />;
    case 'json':
      return <JsonInput {...p} />;
    case 'dateTime':
      return <DateTimeInput {...p} />;
    case 'color':
      return <ColorInput {...p} />;
    case 'collection':
      return <CollectionInput param={param} value={value} path={path} ctx={ctx} />;
    case 'fixedCollection':
      return <FixedCollectionInput param={param} value={value} path={path} ctx={ctx} />;
    case 'assignmentCollection':
      return <AssignmentsInput value={value} path={path} ctx={ctx} testId={testId} />;
    case 'filter':
      return <FilterInput value={value} path={path} ctx={ctx} testId={testId} />;
    case 'resourceMapper':
      return <JsonInput {...p} />;
    default:
      return <StringInput {...p} />;
  }
}
