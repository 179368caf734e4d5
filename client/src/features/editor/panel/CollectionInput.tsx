import { asObject, type FieldProps, paramTestId } from './field-context.ts';
import { ParameterField } from './ParameterField.tsx';

/** "Options"-style collection: optional child parameters, added one at a time from a menu. */
export function CollectionInput({ param, value, path, ctx }: FieldProps) {
  const obj = asObject(value);
  const children = param.children ?? [];
  const set = children.filter((c) => Object.hasOwn(obj, c.name));
  const unset = children.filter((c) => !Object.hasOwn(obj, c.name));
  return (
    <div
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50/60 p-3"
      data-testid={paramTestId(path)}
    >
      {set.length === 0 && <p className="text-xs text-slate-400">No options set.</p>}
      {set.map((c) => (
        <div key={c.name} className="relative pr-6">
          <ParameterField param={c} value={obj[c.name]} path={[...path, c.name]} ctx={ctx} />
          {!ctx.readOnly && (
            <button
              type="button"
              onClick={() => ctx.onSet([...path, c.name], undefined)}
              className="absolute top-0 right-0 text-slate-400 hover:text-rose-600"
              title="Remove option"
              data-testid={`${paramTestId([...path, c.name])}-remove`}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      {!ctx.readOnly && unset.length > 0 && (
        <select
          className="w-full rounded-md border border-dashed border-slate-300 bg-white px-2 py-1 text-xs text-slate-600"
          value=""
          onChange={(e) => {
            const c = children.find((x) => x.name === e.target.value);
            if (c) ctx.onSet([...path, c.name], structuredClone(c.default ?? ''));
          }}
          data-testid={`${paramTestId(path)}-add`}
        >
          <option value="">+ Add option</option>
          {unset.map((c) => (
            <option key={c.name} value={c.name}>
              {c.displayName}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
