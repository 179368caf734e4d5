import type { ParameterDescription } from '@tandem/shared/engine';
import type { FieldContext, ParamPath } from './field-context.ts';
import { ParameterField } from './ParameterField.tsx';
import { valueOrDefault, visibleParameters } from './param-logic.ts';

/** Renders the visible parameters of one level (node root, a collection, a fixedCollection group). */
export function ParameterList({
  params,
  values,
  path,
  ctx,
}: {
  params: ParameterDescription[];
  values: Record<string, unknown>;
  path: ParamPath;
  ctx: FieldContext;
}) {
  const shown = visibleParameters(params, values, ctx.root, ctx.typeVersion);
  return (
    <div className="space-y-4">
      {shown.map((p) => (
        <ParameterField
          key={p.name}
          param={p}
          value={valueOrDefault(values, p)}
          path={[...path, p.name]}
          ctx={ctx}
        />
      ))}
    </div>
  );
}
