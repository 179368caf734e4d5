import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkflowJson } from '../schema/workflow.ts';
import { workflowToDoc } from './convert.ts';
import { DOC_LAYOUT_VERSION, docParts, META_KEYS } from './layout.ts';
import { migrateDoc } from './migrations.ts';

describe('migrateDoc', () => {
  it('leaves empty and current docs alone, refuses newer layouts, runs pending migrations once', () => {
    expect(migrateDoc(new Y.Doc())).toBe('empty');
    const doc = workflowToDoc(WorkflowJson.parse({ name: 'w' }));
    expect(migrateDoc(doc)).toBe('current');
    docParts(doc).meta.set(META_KEYS.layoutVersion, DOC_LAYOUT_VERSION + 1);
    expect(() => migrateDoc(doc)).toThrow(/newer/);
    docParts(doc).meta.set(META_KEYS.layoutVersion, DOC_LAYOUT_VERSION);
    let runs = 0;
    const m = [{ version: DOC_LAYOUT_VERSION + 1, name: 'test', up: () => void runs++ }];
    expect(migrateDoc(doc, m)).toBe('migrated');
    expect(migrateDoc(doc, m)).toBe('current');
    expect(runs).toBe(1);
  });
});
