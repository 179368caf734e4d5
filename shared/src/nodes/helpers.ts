import { z } from 'zod';
import type {
  DisplayOptions,
  ParameterDescription,
  ParameterOption,
  ParameterType,
} from '../engine/types.ts';

/** Terse builders for node descriptions (one file per node stays readable). */

type Extra = Partial<Omit<ParameterDescription, 'name' | 'displayName' | 'type' | 'default'>>;

export function param(
  name: string,
  type: ParameterType,
  dflt: unknown,
  extra: Extra & { displayName?: string } = {},
): ParameterDescription {
  const { displayName, ...rest } = extra;
  return { name, displayName: displayName ?? humanize(name), type, default: dflt, ...rest };
}

export const str = (name: string, dflt = '', extra: Extra & { displayName?: string } = {}) =>
  param(name, 'string', dflt, extra);
export const num = (name: string, dflt = 0, extra: Extra & { displayName?: string } = {}) =>
  param(name, 'number', dflt, extra);
export const bool = (name: string, dflt = false, extra: Extra & { displayName?: string } = {}) =>
  param(name, 'boolean', dflt, extra);
export const json = (name: string, dflt = '', extra: Extra & { displayName?: string } = {}) =>
  param(name, 'json', dflt, extra);

/** An options parameter; values given as `value` or `[value, label]`. */
export function opts(
  name: string,
  values: (string | number | [string | number, string])[],
  dflt?: string | number,
  extra: Extra & { displayName?: string } = {},
): ParameterDescription {
  const options: ParameterOption[] = values.map((v) =>
    Array.isArray(v) ? { value: v[0], name: v[1] } : { value: v, name: humanize(String(v)) },
  );
  return param(name, 'options', dflt ?? options[0].value, { ...extra, options });
}

export function multi(name: string, values: string[], extra: Extra & { displayName?: string } = {}) {
  return param(name, 'multiOptions', [], {
    ...extra,
    options: values.map((v) => ({ value: v, name: humanize(v) })),
  });
}

/** Optional settings bag (`options: { … }`). */
export function collection(
  name: string,
  children: ParameterDescription[],
  extra: Extra & { displayName?: string } = {},
) {
  return param(name, 'collection', {}, { ...extra, children });
}

/** n8n fixedCollection: `{ [group]: value | value[] }`. */
export function fixed(
  name: string,
  groups: { name: string; values: ParameterDescription[] }[],
  extra: Extra & { displayName?: string; multiple?: boolean } = {},
) {
  const { multiple = true, ...rest } = extra;
  return param(
    name,
    'fixedCollection',
    {},
    {
      ...rest,
      groups: groups.map((g) => ({ ...g, displayName: humanize(g.name) })),
      typeOptions: { ...(rest.typeOptions ?? {}), multipleValues: multiple },
    },
  );
}

export const show = (cond: Record<string, unknown[]>): { displayOptions: DisplayOptions } => ({
  displayOptions: { show: cond },
});
export const hide = (cond: Record<string, unknown[]>): { displayOptions: DisplayOptions } => ({
  displayOptions: { hide: cond },
});

/** n8n filter-type parameter value (If v2, Filter v2, Switch v3 rules). */
export const FilterValue = z.looseObject({
  options: z.looseObject({}).optional(),
  conditions: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        leftValue: z.unknown(),
        rightValue: z.unknown(),
        operator: z.looseObject({
          type: z.string(),
          operation: z.string(),
          singleValue: z.boolean().optional(),
        }),
      }),
    )
    .default([]),
  combinator: z.enum(['and', 'or']).default('and'),
});
export type FilterValue = z.infer<typeof FilterValue>;

/** A value that may be an expression string instead. */
export function ex<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.string().regex(/^=/, 'expression')]);
}

/** Loose parameter object: known keys are type-checked, unknown keys kept (n8n exports carry extras). */
export function paramsSchema(shape: z.ZodRawShape) {
  return z.looseObject(shape);
}

function humanize(name: string): string {
  const s = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const ASSIGNMENT_TYPES = ['string', 'number', 'boolean', 'array', 'object'] as const;
