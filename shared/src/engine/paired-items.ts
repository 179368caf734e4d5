import type { Item, PairedItem, RunData, SourceRef } from './types.ts';

/**
 * Paired items: every output item points at the input item it derives from. Following those links back
 * through the run data answers `$('Node').item` — "the item of Node that led to the item I'm processing".
 */

/** The first paired-item link of an item, normalised. */
export function firstPairedItem(item: Item | undefined): PairedItem | undefined {
  const p = item?.pairedItem;
  if (p === undefined || p === null) return undefined;
  if (typeof p === 'number') return { item: p };
  if (Array.isArray(p)) return p[0];
  return p;
}

/**
 * Follow paired items from `itemIndex` of the output `source` refers to, back to the item of `target`.
 * Returns undefined when the chain breaks (an item without paired info, or target not on the path).
 * @example resolvePairedItem(runData, {previousNode: 'Set'}, 0, 'Webhook')
 */
export function resolvePairedItem(
  runData: RunData,
  source: SourceRef | null | undefined,
  itemIndex: number,
  target: string,
): Item | undefined {
  let src = source;
  let idx = itemIndex;
  for (let guard = 0; src && guard < 10_000; guard++) {
    const task = runData[src.previousNode]?.[src.previousNodeRun ?? lastRun(runData, src.previousNode)];
    if (!task) return undefined;
    const item = task.data.main[src.previousNodeOutput ?? 0]?.[idx];
    if (!item) return undefined;
    if (src.previousNode === target) return item;
    const link = firstPairedItem(item);
    if (!link) return undefined;
    if (link.sourceOverwrite) {
      src = link.sourceOverwrite;
    } else {
      src = task.source[link.input ?? 0];
    }
    idx = link.item;
  }
  return undefined;
}

function lastRun(runData: RunData, node: string): number {
  return Math.max(0, (runData[node]?.length ?? 1) - 1);
}

/**
 * Give output items without paired info a default link, like n8n: with one input item everything derives
 * from it; with equal counts, item i derives from item i.
 */
export function assignDefaultPairedItems(inputCount: number, outputs: (Item[] | null)[]): void {
  for (const out of outputs) {
    if (!out) continue;
    for (let i = 0; i < out.length; i++) {
      const it = out[i];
      if (it.pairedItem !== undefined) continue;
      if (inputCount === 1) it.pairedItem = { item: 0 };
      else if (out.length === inputCount) it.pairedItem = { item: i };
    }
  }
}
