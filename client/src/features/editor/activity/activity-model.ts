import { attribution, docParts } from '@tandem/shared/doc';
import type * as Y from 'yjs';

/** One stored change of the document (GET /api/workflows/{id}/activity), newest first. */
export interface ActivityEntry {
  seq: number;
  at: string;
  userId: string | null;
  name: string;
  bytes: number;
}

/** A node someone changed, with what they changed last (from the document's `$attr` attribution). */
export interface NodeTouch {
  nodeId: string;
  name: string;
  fields: string[];
}

/** Consecutive changes by one person close in time, shown as one line of the feed. */
export interface ActivityGroup {
  key: string;
  userId: string | null;
  name: string;
  from: number;
  to: number;
  changes: number;
  nodes: NodeTouch[];
}

/** A node's attribution: who changed which field last, and when. */
export interface NodeAttribution {
  nodeId: string;
  name: string;
  fields: Array<{ field: string; userId: string; at: number }>;
}

/**
 * Groups the feed (newest first): one line per run of changes by the same person with less than `gapMs` between
 * two of them. Entries with an unreadable time are skipped.
 * @example groupActivity(entries).map((g) => `${g.name}: ${g.changes}`)
 */
export function groupActivity(entries: ActivityEntry[], gapMs = 120_000): ActivityGroup[] {
  const out: ActivityGroup[] = [];
  for (const e of entries) {
    const t = Date.parse(e.at);
    if (!Number.isFinite(t)) continue;
    const last = out.at(-1);
    if (last && last.userId === e.userId && last.from - t <= gapMs) {
      last.from = t;
      last.changes++;
      continue;
    }
    out.push({ key: String(e.seq), userId: e.userId, name: e.name, from: t, to: t, changes: 1, nodes: [] });
  }
  return out;
}

/** Every node's attribution in the document (nodes deleted since have none: they are gone). */
export function readAttributions(doc: Y.Doc): NodeAttribution[] {
  const out: NodeAttribution[] = [];
  for (const [nodeId, map] of docParts(doc).nodes.entries()) {
    const name = typeof map?.get === 'function' ? map.get('name') : undefined;
    const fields = Object.entries(attribution(doc, nodeId))
      .filter(([, a]) => typeof a.at === 'number')
      .map(([field, a]) => ({ field, userId: a.userId, at: a.at }));
    out.push({ nodeId, name: typeof name === 'string' ? name : nodeId, fields });
  }
  return out;
}

/**
 * Links each group to the nodes its person changed during it: attribution entries by the same user whose time
 * falls within the group's span widened by `slackMs` (the attribution time is the editing browser's clock, the
 * feed's the server's). Only the last change of each field is attributed, so older groups show fewer nodes.
 */
export function attachNodes(
  groups: ActivityGroup[],
  attrs: NodeAttribution[],
  slackMs = 10_000,
): ActivityGroup[] {
  return groups.map((g) => {
    const nodes: NodeTouch[] = [];
    for (const a of attrs) {
      const fields = a.fields
        .filter((f) => f.userId === g.userId && f.at >= g.from - slackMs && f.at <= g.to + slackMs)
        .map((f) => f.field);
      // '' is "the node as a whole", recorded next to the specific field: keep it only when alone.
      const specific = fields.filter((f) => f !== '');
      if (fields.length > 0)
        nodes.push({ nodeId: a.nodeId, name: a.name, fields: specific.length > 0 ? specific : fields });
    }
    return { ...g, nodes };
  });
}

/**
 * What a person did to a node, in words, from attribution keys.
 * @example describeFields(['node', 'position', 'parameters.url']) // 'added, moved, changed url'
 */
export function describeFields(fields: string[]): string {
  const words: string[] = [];
  const params: string[] = [];
  for (const f of new Set(fields)) {
    if (f === 'node') words.push('added');
    else if (f === 'position') words.push('moved');
    else if (f === 'name') words.push('renamed');
    else if (f.startsWith('parameters.')) params.push(f.slice('parameters.'.length));
    else if (f !== '') words.push(`changed ${f}`);
  }
  if (params.length > 0) words.push(`changed ${params.join(', ')}`);
  return words.length > 0 ? words.join(', ') : 'edited';
}
