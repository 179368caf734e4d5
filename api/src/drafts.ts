import type { Storage } from '@tandem/api/storage';
import { docToWorkflow, replaceWorkflow, workflowToDoc } from '@tandem/shared/doc';
import type { WorkflowJson } from '@tandem/shared/schema';
import * as Y from 'yjs';

/**
 * A workflow's draft is its Y.Doc, stored as snapshot + update log. The api reads and writes it through here, so
 * there is never a second copy that could drift. When a collab-server runs in this process, `live` routes reads and
 * writes through the open document, so editors see REST changes at once; otherwise changes are appended to the log
 * (and `announce` lets other instances know).
 */
export type LiveDocuments = {
  read(workflowId: string): Promise<Y.Doc | null>;
  apply(workflowId: string, change: (doc: Y.Doc) => void, userId: string): Promise<boolean>;
};

export type Drafts = ReturnType<typeof drafts>;

export function drafts(
  storage: Storage,
  opts: {
    live?: () => LiveDocuments | undefined;
    announce?: (workflowId: string, update: Uint8Array) => void;
  } = {},
) {
  async function load(workflowId: string): Promise<Y.Doc> {
    const stored = await storage.documents.load(workflowId);
    const doc = new Y.Doc({ gc: true });
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
    return doc;
  }

  return {
    async create(workflowId: string, wf: WorkflowJson, userId: string): Promise<void> {
      const doc = workflowToDoc(wf);
      await storage.documents.append(workflowId, Y.encodeStateAsUpdate(doc), userId);
      doc.destroy();
    },
    async read(workflowId: string): Promise<WorkflowJson> {
      const liveDoc = await opts.live?.()?.read(workflowId);
      if (liveDoc) return docToWorkflow(liveDoc);
      const doc = await load(workflowId);
      try {
        return docToWorkflow(doc);
      } finally {
        doc.destroy();
      }
    },
    /** Makes the draft equal to `wf` in one transaction, touching only what differs. */
    async write(workflowId: string, wf: WorkflowJson, userId: string): Promise<void> {
      const change = (doc: Y.Doc) => replaceWorkflow(doc, wf, { actor: { userId } });
      if (await opts.live?.()?.apply(workflowId, change, userId)) return;
      const doc = await load(workflowId);
      let diff: Uint8Array | null = null;
      doc.on('update', (u: Uint8Array) => {
        diff = diff ? Y.mergeUpdates([diff, u]) : u;
      });
      change(doc);
      doc.destroy();
      if (!diff) return;
      await storage.documents.append(workflowId, diff, userId);
      opts.announce?.(workflowId, diff);
    },
  };
}
