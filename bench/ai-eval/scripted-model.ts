import { loadStarterCorpus } from '../../worker/src/ai/recommender/corpus/index.ts';
import { START } from '../../worker/src/ai/recommender/events.ts';
import { NextNodeRecommender } from '../../worker/src/ai/recommender/recommender.ts';
import type { FakeReply } from '../../worker/src/ai/testing/fake-openai-server.ts';
import type { NlCase } from './nl-score.ts';

let presets: NextNodeRecommender | undefined;

/** Typical parameters of `type` after `prev`, learnt from the starter corpus. */
function presetFor(type: string, prev: string, trigger: string): Record<string, unknown> {
  presets ??= NextNodeRecommender.fromWorkflows(loadStarterCorpus());
  const context =
    prev === START
      ? { trigger: START, prev2: START, prev: START, out: 0 }
      : { trigger, prev2: START, prev, out: 0 };
  return presets.recommendFor(context, { allowedTypes: new Set([type]), limit: 1 })[0]?.parameters ?? {};
}

/**
 * A scripted "model" for the fake server: finds which case the request is about and answers with a chain of its
 * expected node types, with the corpus' typical parameters (so the pipeline, both validators and the scorer are
 * exercised end to end without a real model; it measures nothing about model quality).
 */
export function scriptedAnswer(
  body: { messages?: { role: string; content?: unknown }[] },
  cases: NlCase[],
): FakeReply {
  const user = String(body.messages?.find((m) => m.role === 'user')?.content ?? '');
  const c = cases.find((x) => user.includes(x.text));
  if (!c) return { status: 400, message: 'unknown request' };
  const types = [...new Set(c.types)];
  const nodes = types.map((type, i) => ({
    name: `${type} ${i + 1}`,
    type,
    parameters: presetFor(type, i === 0 ? START : types[i - 1], types[0]),
  }));
  const connections = nodes.slice(1).map((n, i) => ({ from: nodes[i].name, to: n.name }));
  return { json: { name: c.id, nodes, connections } };
}
