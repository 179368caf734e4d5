import { NodeOperationError, type NodeType } from '@tandem/shared/engine';
import { renameKeysDescription } from '@tandem/shared/nodes';
import { cloneJson, deleteField, getField, isPlain, setField } from './lib/paths.ts';
import { mapItems } from './lib/per-item.ts';

type Replacement = {
  searchRegex: string;
  replaceRegex: string;
  options?: { caseInsensitive?: boolean; depth?: number };
};

function renameByRegex(obj: unknown, re: RegExp, to: string, depth: number): unknown {
  if (Array.isArray(obj)) return depth === 0 ? obj : obj.map((v) => renameByRegex(v, re, to, depth));
  if (!isPlain(obj)) return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const nk = k.replace(re, to);
    if (nk === '__proto__') throw new NodeOperationError('Renaming a key to "__proto__" is not allowed');
    out[nk] = depth === 0 ? v : renameByRegex(v, re, to, depth - 1);
  }
  return out;
}

/** Rename Keys: rename fields by dot path, then optional regex renames. */
export const renameKeysNode: NodeType = {
  description: renameKeysDescription,
  execute(ctx) {
    return [
      mapItems(ctx, (item, i) => {
        let json = cloneJson(item.json);
        const keys =
          (ctx.getNodeParameter('keys', i, {}) as { key?: { currentKey: string; newKey: string }[] }).key ??
          [];
        for (const { currentKey, newKey } of keys) {
          if (!currentKey || !newKey || currentKey === newKey) continue;
          const v = getField(json, currentKey);
          if (v === undefined) continue;
          deleteField(json, currentKey);
          setField(json, newKey, v);
        }
        const extra = ctx.getNodeParameter('additionalOptions', i, {}) as {
          regexReplacement?: { replacements?: Replacement[] };
        };
        for (const r of extra.regexReplacement?.replacements ?? []) {
          const re = new RegExp(r.searchRegex, r.options?.caseInsensitive ? 'gi' : 'g');
          const depth = r.options?.depth ?? -1;
          json = renameByRegex(
            json,
            re,
            r.replaceRegex,
            depth < 0 ? Number.POSITIVE_INFINITY : depth,
          ) as Record<string, unknown>;
        }
        return { ...item, json, pairedItem: { item: i } };
      }),
    ];
  },
};
