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

export function drafts(storage: Storage, collab: () => Pick<CollabServer, 'applyServerUpdate'>) {
  return {
    async create(workflowId: string, wf: WorkflowJson, userId: string): Promise<void> {
      const doc = workflowToDoc(wf);
      await storage.documents.appendUpdate(workflowId, Y.encodeStateAsUpdate(doc), { userId });
      doc.destroy();
    },
    async read(workflowId: string): Promise<WorkflowJson> {
      const stored = await storage.documents.loadDocument(workflowId);
      const doc = new Y.Doc();
      try {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(doc, u.update);
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
