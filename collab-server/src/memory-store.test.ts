import { createMemoryDocumentStore } from './store.ts';
import { runDocumentStoreContract } from './store-contract.ts';

runDocumentStoreContract('memory', async () => ({ store: createMemoryDocumentStore() }));
