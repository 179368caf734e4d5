import type { NodeDescription } from '@tandem/shared/engine';
import { listNodeDescriptions } from '@tandem/shared/nodes';
import type { NodeParameters } from '@tandem/shared/schema';

/** What the AI needs to know about one node type: identity, ports and a one-line purpose. */
export interface CatalogueEntry {
  type: string;
  displayName: string;
  description: string;
  trigger: boolean;
  /** Latest typeVersion. */
  version: number;
  /** Port counts for given parameters (Switch grows with its rules). */
  inputs(parameters: NodeParameters): number;
  outputs(parameters: NodeParameters): number;
  /** Top-level parameter names (for the prompt). */
  parameterNames: string[];
}

export type NodeCatalogue = Map<string, CatalogueEntry>;

/** Build a catalogue from the engine's node descriptions. */
export function catalogueFromDescriptions(descriptions: readonly NodeDescription[]): NodeCatalogue {
  const out: NodeCatalogue = new Map();
  for (const d of descriptions) {
    const version = d.versions[d.versions.length - 1] ?? 1;
    const count = (pc: NodeDescription['inputs']) => (params: NodeParameters) => {
      try {
        return typeof pc === 'function' ? pc(params, version) : pc;
      } catch {
        return typeof pc === 'number' ? pc : 1;
      }
    };
    out.set(d.type, {
      type: d.type,
      displayName: d.displayName,
      description: d.description,
      trigger: Boolean(d.trigger),
      version,
      inputs: count(d.inputs),
      outputs: count(d.outputs),
      // Hints for prompts: `url*` = required, `method(GET|POST|…)` = allowed values.
      parameterNames: d.properties
        .filter(
          (p) => p.type !== 'notice' && p.type !== 'credentials' && forVersion(p.displayOptions, version),
        )
        .map((p) => {
          const values =
            p.type === 'options' && p.options?.length
              ? `(${p.options
                  .slice(0, 6)
                  .map((o) => String(o.value))
                  .join('|')}${p.options.length > 6 ? '|…' : ''})`
              : '';
          return `${p.name}${p.required ? '*' : ''}${values}`;
        }),
    });
  }
  return out;
}

/** Parameters of other typeVersions (n8n's `@version` display rule) are not shown for the latest one. */
function forVersion(
  display: NodeDescription['properties'][number]['displayOptions'],
  version: number,
): boolean {
  const show = display?.show?.['@version'];
  const hide = display?.hide?.['@version'];
  if (Array.isArray(show) && !show.includes(version)) return false;
  return !(Array.isArray(hide) && hide.includes(version));
}

let cached: NodeCatalogue | undefined;

/**
 * The catalogue of every built-in node type, from the node registry (`listNodeDescriptions()`). Cached.
 * @example nodeCatalogue().get('httpRequest')?.outputs({}) // 1
 */
export function nodeCatalogue(): NodeCatalogue {
  cached ??= catalogueFromDescriptions(listNodeDescriptions());
  return cached;
}

/** `nodeCatalogue()` for callers that await it. */
export async function loadNodeCatalogue(): Promise<NodeCatalogue> {
  return nodeCatalogue();
}
