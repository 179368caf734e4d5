import { type Item, NodeOperationError, type NodeRunContext, type NodeType } from '@tandem/shared/engine';
import { setDescription } from '@tandem/shared/nodes';
import { cloneJson, fieldList, getField, isPlain, setField } from './lib/paths.ts';
import { mapItems } from './lib/per-item.ts';

type Json = Record<string, unknown>;
interface Assignment {
  name: string;
  value: unknown;
  type?: string;
}

/** Convert an assigned value to its declared type (n8n's "ignore conversion errors" keeps the raw value). */
export function convertType(
  value: unknown,
  type: string | undefined,
  name: string,
  lenient: boolean,
): unknown {
  const fail = (what: string): unknown => {
    if (lenient) return value;
    throw new NodeOperationError(
      `'${name}' expects a ${what} but we got '${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`,
    );
  };
  switch (type) {
    case undefined:
    case 'any':
      return value;
    case 'string':
    case 'stringValue':
      if (value === null || value === undefined) return value;
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number':
    case 'numberValue': {
      if (typeof value === 'number') return value;
      if (value === '' || value === null || value === undefined) return value === '' ? fail('number') : value;
      const n = Number(value);
      return Number.isNaN(n) ? fail('number') : n;
    }
    case 'boolean':
    case 'booleanValue':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 1 || value === '1') return true;
      if (value === 'false' || value === 0 || value === '0' || value === '') return false;
      return fail('boolean');
    case 'array':
    case 'arrayValue': {
      if (Array.isArray(value)) return value;
      if (typeof value === 'string') {
        try {
          const p = JSON.parse(value);
          if (Array.isArray(p)) return p;
        } catch {}
      }
      return fail('array');
    }
    case 'object':
    case 'objectValue': {
      if (isPlain(value)) return value;
      if (typeof value === 'string') {
        try {
          const p = JSON.parse(value);
          if (isPlain(p)) return p;
        } catch {}
      }
      return fail('object');
    }
  }
  return value;
}

/** Which of the input fields survive (v3 include / includeOtherFields). */
function baseFields(ctx: NodeRunContext, i: number, json: Json): Json {
  const v = ctx.node.typeVersion;
  if (v < 3) return ctx.getNodeParameter('keepOnlySet', i, false) ? {} : cloneJson(json);
  if (v >= 3.3 && !ctx.getNodeParameter('includeOtherFields', i, false)) return {};
  const include = String(ctx.getNodeParameter('include', i, 'all'));
  if (include === 'none') return {};
  if (include === 'all') return cloneJson(json);
  if (include === 'selected') {
    const out: Json = {};
    for (const f of fieldList(ctx.getNodeParameter('includeFields', i, ''))) {
      const val = getField(json, f);
      if (val !== undefined) setField(out, f, cloneJson(val));
    }
    return out;
  }
  const out = cloneJson(json);
  for (const f of fieldList(ctx.getNodeParameter('excludeFields', i, ''))) delete out[f];
  return out;
}

function assignmentsFor(ctx: NodeRunContext, i: number): Assignment[] {
  const v = ctx.node.typeVersion;
  if (v >= 3.3)
    return (ctx.getNodeParameter('assignments', i, {}) as { assignments?: Assignment[] }).assignments ?? [];
  if (v >= 3) {
    const fields =
      (ctx.getNodeParameter('fields', i, {}) as { values?: Record<string, unknown>[] }).values ?? [];
    return fields.map((f) => {
      const type = String(f.type ?? 'stringValue');
      return { name: String(f.name ?? ''), value: f[type], type };
    });
  }
  const values = ctx.getNodeParameter('values', i, {}) as Record<string, { name: string; value: unknown }[]>;
  const out: Assignment[] = [];
  for (const type of ['boolean', 'number', 'string']) {
    for (const f of values[type] ?? []) out.push({ name: f.name, value: f.value, type });
  }
  return out;
}

function rawJson(ctx: NodeRunContext, i: number): Json {
  let v = ctx.getNodeParameter('jsonOutput', i, '{}');
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (err) {
      throw new NodeOperationError(
        `The 'JSON Output' in item ${i} does not contain valid JSON: ${(err as Error).message}`,
        { itemIndex: i },
      );
    }
  }
  if (!isPlain(v))
    throw new NodeOperationError(`The 'JSON Output' in item ${i} must be a JSON object`, { itemIndex: i });
  return v;
}

/** Edit Fields (Set) v1–v3.4: manual assignments with dot paths and types, or raw JSON. */
export const setNode: NodeType = {
  description: setDescription,
  execute(ctx) {
    return [
      mapItems(ctx, (item, i): Item | Item[] => {
        const options = ctx.getNodeParameter('options', i, {}) as {
          dotNotation?: boolean;
          ignoreConversionErrors?: boolean;
          includeBinary?: boolean;
          stripBinary?: boolean;
        };
        const dot = options.dotNotation !== false;
        const json = baseFields(ctx, i, item.json);
        if (ctx.node.typeVersion >= 3 && ctx.getNodeParameter('mode', i, 'manual') === 'raw') {
          Object.assign(json, rawJson(ctx, i));
        } else {
          for (const a of assignmentsFor(ctx, i)) {
            if (!a.name) continue;
            setField(
              json,
              a.name,
              convertType(a.value, a.type, a.name, !!options.ignoreConversionErrors),
              dot,
            );
          }
        }
        const out: Item = { json, pairedItem: { item: i } };
        if (item.binary && options.includeBinary !== false) out.binary = item.binary;
        if (ctx.getNodeParameter('duplicateItem', i, false)) {
          const n = Number(ctx.getNodeParameter('duplicateCount', i, 0));
          return Array.from({ length: n + 1 }, () => ({ ...out, json: cloneJson(json) }));
        }
        return out;
      }),
    ];
  },
};
