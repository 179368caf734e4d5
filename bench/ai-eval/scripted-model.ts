import type { FakeReply } from '../../worker/src/ai/testing/fake-openai-server.ts';
import type { NlCase } from './nl-score.ts';

/**
 * A scripted "model" for the fake server: finds which case the request is about and answers with a chain of its
 * expected node types (so the pipeline, validator and scorer are exercised without a real model).
 */
export function scriptedAnswer(
  body: { messages?: { role: string; content?: unknown }[] },
  cases: NlCase[],
): FakeReply {
  const user = String(body.messages?.find((m) => m.role === 'user')?.content ?? '');
  const c = cases.find((x) => user.includes(x.text));
  if (!c) return { status: 400, message: 'unknown request' };
  const types = [...new Set(c.types)];
  const nodes = types.map((type, i) => ({ name: `${type} ${i + 1}`, type, parameters: {} }));
  const connections = nodes.slice(1).map((n, i) => ({ from: nodes[i].name, to: n.name }));
  return { json: { name: c.id, nodes, connections } };
}
