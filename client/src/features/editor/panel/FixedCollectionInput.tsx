import { asObject, type FieldProps, paramTestId } from './field-context.ts';
import { ParameterList } from './ParameterList.tsx';
import { defaultsOf } from './param-logic.ts';

/**
 * Named groups of parameters (n8n fixedCollection). With `multipleValues` each group holds a list of entries
 * (`{ group: [{…}, {…}] }`), otherwise one entry (`{ group: {…} }`).
 */
export function FixedCollectionInput({ param, value, path, ctx }: FieldProps) {
  const obj = asObject(value);
  const multiple = Boolean(param.typeOptions?.multipleValues);
  const groups = param.groups ?? [];
  return (
    <div className="space-y-3" data-testid={paramTestId(path)}>
      {groups.map((g) => {
        const gPath = [...path, g.name];
        const entry = obj[g.name];
        if (multiple) {
          const list = Array.isArray(entry) ? entry : [];
          return (
            <div key={g.name} className="space-y-2">
              {groups.length > 1 && (
                <p className="text-[11px] font-semibold text-slate-500 uppercase">{g.displayName}</p>
              )}
              {list.map((item, i) => (
                <div
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries have no ids; the index is their identity here
                  key={i}
                  className="relative rounded-md border border-slate-200 bg-slate-50/60 p-3 pr-7"
                  data-testid={`${paramTestId(gPath)}-entry`}
                >
                  <ParameterList params={g.values} values={asObject(item)} path={[...gPath, i]} ctx={ctx} />
                  {!ctx.readOnly && (
                    <button
                      type="button"
                      className="absolute top-2 right-2 text-slate-400 hover:text-rose-600"
                      onClick={() => ctx.onSet(gPath, list.filter((_, j) => j !== i) as never)}
                      title="Remove"
                      data-testid={`${paramTestId(gPath)}-remove-${i}`}
                    >
                      ✕
                    </button>
                  )}
                </div>
              ))}
              {!ctx.readOnly && (
                <button
                  type="button"
                  className="w-full rounded-md border border-dashed border-slate-300 py-1 text-xs text-slate-600 hover:bg-slate-50"
                  onClick={() => ctx.onSet([...gPath, list.length], defaultsOf(g.values))}
                  data-testid={`${paramTestId(gPath)}-add`}
                >
                  + Add {g.displayName}
                </button>
              )}
            </div>
          );
        }
        if (entry === undefined)
          return ctx.readOnly ? null : (
            <button
              key={g.name}
              type="button"
              className="w-full rounded-md border border-dashed border-slate-300 py-1 text-xs text-slate-600 hover:bg-slate-50"
              onClick={() => ctx.onSet(gPath, defaultsOf(g.values))}
              data-testid={`${paramTestId(gPath)}-add`}
            >
              + {g.displayName}
            </button>
          );
        return (
          <div key={g.name} className="relative rounded-md border border-slate-200 bg-slate-50/60 p-3 pr-7">
            <p className="mb-2 text-[11px] font-semibold text-slate-500 uppercase">{g.displayName}</p>
            <ParameterList params={g.values} values={asObject(entry)} path={gPath} ctx={ctx} />
            {!ctx.readOnly && (
              <button
                type="button"
                className="absolute top-2 right-2 text-slate-400 hover:text-rose-600"
                onClick={() => ctx.onSet(gPath, undefined)}
                title="Remove"
              >
                ✕
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
