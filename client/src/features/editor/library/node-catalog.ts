import type { NodeDescription, ParameterDescription } from '@tandem/shared/engine';
import { compareNames } from './name-order.ts';

/**
 * A node description as served by `GET /api/nodes` (JSON: port counts that depend on parameters
 * may arrive as anything but a number).
 */
export type NodeDescriptionDto = Omit<
  NodeDescription,
  'inputs' | 'outputs' | 'outputNames' | 'requiredInputs' | 'parameterSchema'
> & {
  inputs: unknown;
  outputs: unknown;
  outputNames?: unknown;
  properties: ParameterDescription[];
};

export const STICKY_TYPE = 'stickyNote';

/** Library categories in display order. */
export const CATEGORIES: { id: NodeDescription['group'] | 'all'; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'trigger', label: 'Triggers' },
  { id: 'flow', label: 'Flow' },
  { id: 'transform', label: 'Data' },
  { id: 'input', label: 'Input' },
  { id: 'output', label: 'Output' },
  { id: 'core', label: 'Core' },
];

/** Normalises `GET /api/nodes` answers (array, `{data}` or `{nodes}`) to a list of valid descriptions. */
export function normaliseDescriptions(body: unknown): NodeDescriptionDto[] {
  const list = Array.isArray(body)
    ? body
    : Array.isArray((body as { data?: unknown })?.data)
      ? (body as { data: unknown[] }).data
      : Array.isArray((body as { nodes?: unknown })?.nodes)
        ? (body as { nodes: unknown[] }).nodes
        : [];
  return list
    .filter(
      (d): d is NodeDescriptionDto =>
        !!d &&
        typeof d === 'object' &&
        typeof (d as NodeDescriptionDto).type === 'string' &&
        typeof (d as NodeDescriptionDto).displayName === 'string',
    )
    .map((d) => ({ ...d, properties: Array.isArray(d.properties) ? d.properties : [] }));
}

/**
 * Filters the library by a search text (name, type, description, keywords) and a category,
 * best matches first (name prefix, then name contains, then anything else).
 * @example searchNodes(all, 'http', 'all')[0].type // 'httpRequest'
 */
export function searchNodes(
  all: NodeDescriptionDto[],
  query: string,
  category: string,
): NodeDescriptionDto[] {
  const q = query.trim().toLowerCase();
  const inCat = all.filter((d) => d.type !== STICKY_TYPE && (category === 'all' || d.group === category));
  if (!q) return [...inCat].sort((a, b) => compareNames(a.displayName, b.displayName));
  const scored: [number, NodeDescriptionDto][] = [];
  for (const d of inCat) {
    const name = d.displayName.toLowerCase();
    const hay = [d.type, d.description, ...(d.keywords ?? [])].join(' ').toLowerCase();
    const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : hay.includes(q) ? 2 : -1;
    if (score >= 0) scored.push([score, d]);
  }
  scored.sort((a, b) => a[0] - b[0] || compareNames(a[1].displayName, b[1].displayName));
  return scored.map(([, d]) => d);
}

/** Port count from a description field, falling back when it depends on parameters. */
export function portCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 64 ? value : fallback;
}

/** Default parameters of a new node: each top-level property's default, when defined. */
export function defaultParameters(d: NodeDescriptionDto): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of d.properties) {
    if (p.type === 'notice' || p.default === undefined) continue;
    out[p.name] = structuredClone(p.default);
  }
  return out;
}

/** Finds a description by canonical or `n8n-nodes-base.` aliased type. */
export function findDescription(
  all: Map<string, NodeDescriptionDto>,
  type: string,
): NodeDescriptionDto | undefined {
  return all.get(type) ?? all.get(type.replace(/^n8n-nodes-base\./, ''));
}

const GROUP_COLORS: Record<string, string> = {
  trigger: '#f97316',
  flow: '#8b5cf6',
  transform: '#0ea5e9',
  input: '#10b981',
  output: '#ec4899',
  core: '#6366f1',
};

/** Accent colour for a node group. */
export function groupColor(group: string | undefined): string {
  return (group && GROUP_COLORS[group]) || '#64748b';
}
