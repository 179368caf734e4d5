import { runDocumentStoreContract } from '@tandem/collab-server/store-contract';
import { createStorage } from './index.ts';
import { BACKENDS, freshDatabase } from './test-databases.ts';

for (const dialect of BACKENDS) {
  runDocumentStoreContract(`SQL on ${dialect}`, async () => {
    const tdb = await freshDatabase(dialect);
    const storage = await createStorage(tdb.target);
    return {
      store: storage.documents,
      cleanup: async () => {
        await storage.close();
        await tdb.drop();
      },
    };
  });
}
