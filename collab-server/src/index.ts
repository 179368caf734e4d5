export type { Role } from './connection.ts';
export { CLOSE, MSG, TANDEM } from './protocol.ts';
export {
  type CollabServer,
  type CollabServerOptions,
  type CollabUser,
  createCollabServer,
  DEFAULT_LIMITS,
} from './server.ts';
export {
  type ActivityEntry,
  type Compaction,
  createMemoryDocumentStore,
  type DocumentStore,
  type LoadedDocument,
  type StoredUpdate,
} from './store.ts';
export { type CollabTokenClaims, signCollabToken, verifyCollabToken } from './token.ts';
