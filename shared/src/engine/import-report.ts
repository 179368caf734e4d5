import { getNodeDescription } from '../nodes/index.ts';
import type { WorkflowJson } from '../schema/workflow.ts';
import type { DescriptionLookup } from './validate.ts';

export interface UnsupportedNode {
  nodeId: string;
  name: string;
  type: string;
  typeVersion: number;
  reason: 'unknownType' | 'unsupportedVersion';
  /** Versions Tandem supports for this type (unsupportedVersion only). */
  supportedVersions?: number[];
}

export interface ImportReport {
  unsupported: UnsupportedNode[];
}

/**
 * Lists node types/versions of an imported workflow that Tandem cannot run.
 * @example importReport(n8nExport).unsupported.map((u) => u.type)
 */
export function importReport(
  workflow: Pick<WorkflowJson, 'nodes'>,
  lookup: DescriptionLookup = (t, v) => getNodeDescription(t, v),
): ImportReport {
  const unsupported: UnsupportedNode[] = [];
  for (const n of workflow.nodes) {
    if (lookup(n.type, n.typeVersion)) continue;
    const any = getNodeDescription(n.type);
    unsupported.push({
      nodeId: n.id,
      name: n.name,
      type: n.type,
      typeVersion: n.typeVersion,
      reason: any ? 'unsupportedVersion' : 'unknownType',
      ...(any ? { supportedVersions: any.versions } : {}),
    });
  }
  return { unsupported };
}

/**
 * Keep unsupported nodes but disable and mark them (`unsupported` field, the node's notes say why), so an
 * import never silently drops anything and the rest of the workflow still runs. Returns a new workflow.
 */
export function markUnsupportedNodes<T extends Pick<WorkflowJson, 'nodes'>>(
  workflow: T,
  lookup?: DescriptionLookup,
): { workflow: T; report: ImportReport } {
  const report = importReport(workflow, lookup);
  const byId = new Map(report.unsupported.map((u) => [u.nodeId, u]));
  const nodes = workflow.nodes.map((n) => {
    const u = byId.get(n.id);
    if (!u) return n;
    const why =
      u.reason === 'unknownType'
        ? `Tandem does not support node type "${u.type}"`
        : `Tandem does not support version ${u.typeVersion} of "${u.type}" (supported: ${u.supportedVersions?.join(', ')})`;
    return {
      ...n,
      disabled: true,
      unsupported: { reason: u.reason, message: why, wasDisabled: n.disabled ?? false },
      notes: n.notes ? `${n.notes}\n\n[Tandem] ${why}` : `[Tandem] ${why}`,
    };
  });
  return { workflow: { ...workflow, nodes }, report };
}
