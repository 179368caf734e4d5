import type { Storage } from '@tandem/api/storage';
import type { CollabServer } from '@tandem/collab-server';
import { docToWorkflow, replaceWorkflow, workflowToDoc } from '@tandem/shared/doc';
import type { WorkflowJson } from '@tandem/shared/schema';
import * as Y from 'yjs';

/**
 * A workflow's draft is its Y.Doc, stored as snapshot + update log (the collab-server's store). The api reads it from
 * that store (every accepted update is committed there before anyone sees it), and writes through the collab-server,
 * so a REST edit is one transaction on the live document that open editors (on any instance) receive at once.
 * There is never a second copy that could drift.
 */
export type Drafts = ReturnType<typeof drafts>;

/**
 * The stored draft as a Y.Doc (snapshot + update log applied); the caller destroys it.
 * @example const doc = await storedDraftDoc(storage, id); try { docToWorkflow(doc) } finally { doc.destroy() }
 */
export async function storedDraftDoc(storage: Storage, workflowId: string): Promise<Y.Doc> {
  const stored = await storage.documents.loadDocument(workflowId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/**
 * The stored draft as one Yjs update (snapshot and log merged without building a Y.Doc): the state a /collab
 * socket syncs.
 */
export async function storedDraftState(storage: Storage, workflowId: string): Promise<Uint8Array> {
  const stored = await storage.documents.loadDocument(workflowId);
  const parts = stored.snapshot ? [stored.snapshot] : [];
  for (const u of stored.updates) parts.push(u.update);
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}

export function drafts(storage: Storage, collab: () => Pick<CollabServer, 'applyServerUpdate'>) {
  return {
    async create(workflowId: string, wf: WorkflowJson, userId: string): Promise<void> {
      const doc = workflowToDoc(wf);
      await storage.documents.appendUpdate(workflowId, Y.encodeStateAsUpdate(doc), { userId });
      doc.destroy();
    },
    async read(workflowId: string): Promise<WorkflowJson> {
      const doc = await storedDraftDoc(storage, workflowId);
      try {
        return docToWorkflow(doc);
      } finally {
        doc.destroy();
      }
    },
    /** Makes the draft equal to `wf` in one transaction, touching only what differs. */
    async write(workflowId: string, wf: WorkflowJson, userId: string): Promise<void> {
      await collab().applyServerUpdate(workflowId, (doc) => replaceWorkflow(doc, wf, { actor: { userId } }), {
        userId,
      });
    },
  };
}
