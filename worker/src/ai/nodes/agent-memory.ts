import type { ChatMessage } from '../provider/types.ts';

/**
 * Conversation memory for the Agent node, keyed by the node's memory-key expression. The host persists it
 * (database) and passes it as `services.agentMemory`; keys are scoped by the host (workflow id + node) so two
 * workflows never share a conversation.
 */
export interface AgentMemoryStore {
  load(key: string): Promise<ChatMessage[]>;
  save(key: string, messages: ChatMessage[]): Promise<void>;
}

/** In-process memory (tests, embedded single-process use); bounded in keys and messages. */
export function createInMemoryAgentMemory(maxKeys = 1_000, maxMessages = 200): AgentMemoryStore {
  const store = new Map<string, ChatMessage[]>();
  return {
    async load(key) {
      return structuredClone(store.get(key) ?? []);
    },
    async save(key, messages) {
      store.delete(key);
      store.set(key, structuredClone(messages.slice(-maxMessages)));
      // Map keeps insertion order: drop the least recently saved conversation.
      while (store.size > maxKeys) store.delete(store.keys().next().value as string);
    },
  };
}

/** The last `window` user/assistant turns (tool traffic is not kept: it is bulky and tied to one run). */
export function memoryWindow(messages: ChatMessage[], window: number): ChatMessage[] {
  const turns = messages.filter(
    (m) =>
      (m.role === 'user' || m.role === 'assistant') &&
      typeof m.content === 'string' &&
      !(m.role === 'assistant' && 'tool_calls' in m && m.tool_calls?.length),
  );
  return turns.slice(-Math.max(1, window) * 2);
}
