import type * as Y from 'yjs';
import { DOC_LAYOUT_VERSION, docParts, META_KEYS } from './layout.ts';

/** One layout migration: from `version - 1` to `version`, applied inside one transaction. Append-only. */
export type DocMigration = { version: number; name: string; up: (doc: Y.Doc) => void };

/** Append-only list of layout migrations (none yet: layout 1 is the first). Each needs a test. */
export const MIGRATIONS: DocMigration[] = [];

/**
 * Brings a document to the current layout version. An empty document is left alone; a document from a
 * newer layout throws (this code cannot read it safely).
 * @example migrateDoc(doc) // 'current'
 */
export function migrateDoc(
  doc: Y.Doc,
  migrations: DocMigration[] = MIGRATIONS,
): 'empty' | 'current' | 'migrated' {
  const meta = docParts(doc).meta;
  const raw = meta.get(META_KEYS.layoutVersion);
  if (raw === undefined) return 'empty';
  const version = typeof raw === 'number' ? raw : 0;
  const target = Math.max(DOC_LAYOUT_VERSION, ...migrations.map((m) => m.version));
  if (version > target) throw new Error(`document layout ${version} is newer than this code (${target})`);
  if (version === target) return 'current';
  doc.transact(() => {
    for (const m of migrations) if (m.version > version) m.up(doc);
    meta.set(META_KEYS.layoutVersion, target);
  }, 'migration');
  return 'migrated';
}
