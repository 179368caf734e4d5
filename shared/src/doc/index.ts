export { type ApplyOptions, applyOps } from './apply.ts';
export { ATTRIBUTION_ORIGIN, attributeTyping, attribution } from './attribution.ts';
export {
  COLLAB_MESSAGE,
  type CollabNotice,
  encodeCollabNotice,
  type ProviderLike,
  readCollabNotice,
  trackDurability,
} from './collab-messages.ts';
export { docToWorkflow, isEdge, nodeNameById, workflowToDoc } from './convert.ts';
export type { OpResult } from './graph-ops.ts';
export {
  type Attribution,
  CODE_KEYS,
  DOC_LAYOUT_VERSION,
  type DocEdge,
  docParts,
  edgeKey,
  isLongText,
  META_KEYS,
  NODE_KEYS,
  ROOT,
} from './layout.ts';
export { migrateDoc } from './migrations.ts';
export * from './ops.ts';
export { PEERS_AT_BASE_RATE, PRESENCE_INTERVAL_MS, presenceInterval } from './presence-rate.ts';
export { findNameReferences, renameInText } from './rename.ts';
export { replaceWorkflow } from './replace.ts';
export { type CommentMessage, getSuggestion, type Suggestion, type SuggestionStatus } from './social-ops.ts';
export { jsonEqual, setTextMinimal } from './values.ts';
