import { MemoryExecutionStore } from './memory-store.ts';
import { executionStoreContract } from './store-contract.ts';

executionStoreContract('memory', async () => {
  const store = new MemoryExecutionStore();
  return {
    store,
    insert: async (record, workflow) => void store.insert(record, workflow),
    close: async () => {},
  };
});
