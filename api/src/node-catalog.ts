import type { CustomNodeRow, Storage } from '@tandem/api/storage';
import type { NodeDescription, ParameterDescription } from '@tandem/shared/engine';
import { getNodeDescription, listNodeDescriptions } from '@tandem/shared/nodes';
import { CUSTOM_NODE_PREFIX, type CustomNodeBody } from '@tandem/shared/schema';

/** A node description as JSON: port counts computed for default parameters (Switch has more once configured). */
export type NodeView = Omit<
  NodeDescription,
  'inputs' | 'outputs' | 'outputNames' | 'requiredInputs' | 'parameterSchema'
> & {
  inputs: number;
  outputs: number;
  outputNames?: string[];
  dynamicPorts: boolean;
  custom: boolean;
};

export function nodeView(d: NodeDescription, custom = false): NodeView {
  const version = d.versions.at(-1)!;
  const count = (p: NodeDescription['inputs']) => (typeof p === 'function' ? p({}, version) : p);
  const { parameterSchema: _s, requiredInputs: _r, ...rest } = d;
  return {
    ...rest,
    inputs: count(d.inputs),
    outputs: count(d.outputs),
    outputNames: typeof d.outputNames === 'function' ? d.outputNames({}, version) : d.outputNames,
    dynamicPorts:
      typeof d.inputs === 'function' ||
      typeof d.outputs === 'function' ||
      typeof d.outputNames === 'function',
    custom,
  };
}

/** The engine's description of a stored custom node type (all its versions share the latest definition's shape). */
export function customDescription(rows: CustomNodeRow[]): NodeDescription {
  const latest = rows[0]!;
  const def = JSON.parse(latest.definition) as CustomNodeBody;
  return {
    type: latest.type,
    displayName: def.displayName,
    description: def.description,
    group: 'transform',
    icon: def.icon ?? 'code',
    versions: rows.map((r) => r.version).sort((a, b) => a - b),
    inputs: def.inputs,
    outputs: def.outputs,
    outputNames: def.outputNames,
    keywords: ['custom'],
    properties: def.parameters.map(
      (p): ParameterDescription => ({
        name: p.name,
        displayName: p.displayName,
        type: p.type,
        default: p.default ?? (p.type === 'number' ? 0 : p.type === 'boolean' ? false : ''),
        required: p.required,
        description: p.description,
        options: p.options,
      }),
    ),
  };
}

/** Built-in and custom node types together: what the editor lists and what validation accepts. */
export async function nodeCatalog(storage: Storage) {
  const rows = await storage.customNodes.all();
  const byType = new Map<string, CustomNodeRow[]>();
  for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const custom = new Map([...byType].map(([type, versions]) => [type, customDescription(versions)]));
  return {
    list(search?: string): NodeView[] {
      const q = search?.toLowerCase();
      const customs = [...custom.values()].filter(
        (d) => !q || [d.type, d.displayName, d.description].some((s) => s.toLowerCase().includes(q)),
      );
      return [
        ...listNodeDescriptions(search).map((d) => nodeView(d)),
        ...customs.map((d) => nodeView(d, true)),
      ];
    },
    lookup(type: string, version?: number): NodeDescription | undefined {
      if (type.startsWith(CUSTOM_NODE_PREFIX)) {
        const d = custom.get(type);
        return d && (version === undefined || d.versions.includes(version)) ? d : undefined;
      }
      return getNodeDescription(type, version);
    },
  };
}
