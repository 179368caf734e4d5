import type { ParameterDescription } from '../engine/types.ts';
import type { NodeParameters } from '../schema/workflow.ts';

/**
 * Whether a parameter is shown (and thus used/required) given its siblings' values and the node version.
 * `@version` in show/hide matches the typeVersion.
 * @example isDisplayed(prop, { mode: 'raw' }, 3.4)
 */
export function isDisplayed(
  prop: ParameterDescription,
  values: NodeParameters,
  typeVersion: number,
): boolean {
  const { show: showIf, hide: hideIf } = prop.displayOptions ?? {};
  const current = (key: string) =>
    key === '@version' ? typeVersion : (values[key] ?? defaultFor(key, values));
  if (showIf) {
    for (const [key, allowed] of Object.entries(showIf)) {
      if (!allowed.includes(current(key) as never)) return false;
    }
  }
  if (hideIf) {
    for (const [key, denied] of Object.entries(hideIf)) {
      if (denied.includes(current(key) as never)) return false;
    }
  }
  return true;
}

/** Sibling defaults are looked up by the caller through `withDefaults`; undefined here. */
function defaultFor(_key: string, _values: NodeParameters): unknown {
  return undefined;
}

/**
 * Parameters with the description defaults of displayed top-level properties filled in (first matching
 * definition per name; later definitions are version alternatives).
 */
export function withDefaults(
  props: ParameterDescription[],
  values: NodeParameters,
  typeVersion: number,
): NodeParameters {
  const out: NodeParameters = { ...values };
  // Two passes so that defaults which drive display conditions (mode, operation) are known first.
  for (let pass = 0; pass < 2; pass++) {
    for (const p of props) {
      if (out[p.name] !== undefined) continue;
      if (!isDisplayed(p, out, typeVersion)) continue;
      if (p.default !== undefined) out[p.name] = p.default as NodeParameters[string];
    }
  }
  return out;
}
