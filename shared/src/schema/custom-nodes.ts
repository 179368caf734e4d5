import { z } from 'zod';

/** The parameter kinds a custom node may declare (a subset the property panel renders without custom code). */
export const CustomParameter = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier'),
    displayName: z.string().min(1).max(100),
    type: z.enum(['string', 'number', 'boolean', 'options', 'json', 'code']),
    default: z.unknown().optional(),
    required: z.boolean().optional(),
    description: z.string().max(1000).optional(),
    options: z
      .array(z.object({ name: z.string().max(100), value: z.union([z.string(), z.number(), z.boolean()]) }))
      .max(100)
      .optional(),
  })
  .refine((p) => p.type !== 'options' || (p.options?.length ?? 0) > 0, {
    message: 'options parameters need options',
    path: ['options'],
  });
export type CustomParameter = z.infer<typeof CustomParameter>;

/**
 * A user-defined node type: its description and a JavaScript body run in the Code sandbox once for all items, with
 * `$input`, `items` and `$parameters` (the node's resolved parameters). With several outputs, an item goes to output
 * `item.output` (default 0).
 */
export const CustomNodeBody = z
  .object({
    type: z.string().regex(/^[a-z][A-Za-z0-9]{1,40}$/, 'must be camelCase letters and digits'),
    displayName: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
    icon: z.string().max(100).optional(),
    inputs: z.number().int().min(1).max(4).default(1),
    outputs: z.number().int().min(1).max(8).default(1),
    outputNames: z.array(z.string().max(50)).max(8).optional(),
    parameters: z.array(CustomParameter).max(50).default([]),
    code: z.string().min(1).max(100_000),
  })
  .refine((b) => new Set(b.parameters.map((p) => p.name)).size === b.parameters.length, {
    message: 'parameter names must be unique',
    path: ['parameters'],
  })
  .refine((b) => !b.outputNames || b.outputNames.length === b.outputs, {
    message: 'outputNames must name every output',
    path: ['outputNames'],
  });
export type CustomNodeBody = z.infer<typeof CustomNodeBody>;

export const CUSTOM_NODE_PREFIX = 'custom.';
