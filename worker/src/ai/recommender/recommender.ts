import type { ParameterValue, WorkflowJson } from '@tandem/shared/schema';
import { z } from 'zod';
import { CountTables, contextKeys } from './counts.ts';
import { contextFor, extractEvents, type NodeContext, START, type TransitionEvent } from './events.ts';

export interface Recommendation {
  type: string;
  /** Probability under the smoothed model (0..1). */
  score: number;
  /** Typical parameters for this type in this position, when known. */
  parameters: Record<string, ParameterValue> | undefined;
}

export interface RecommendOptions {
  limit?: number;
  /** Output of the selected node (e.g. 1 = the "false" branch of an If). */
  outputIndex?: number;
  /** Only these node types may be recommended (the installed ones). */
  allowedTypes?: ReadonlySet<string>;
}

const SERIAL_VERSION = 1;
const Serialised = z.object({
  version: z.literal(SERIAL_VERSION),
  workflows: z.record(
    z.string(),
    z.array(
      z.tuple([
        z.string(),
        z.string(),
        z.string(),
        z.number().int().min(0),
        z.string(),
        z.record(z.string(), z.unknown()),
      ]),
    ),
  ),
});
export type SerialisedRecommender = z.infer<typeof Serialised>;

/**
 * Tandem's own next-node model: a Witten-Bell smoothed n-gram over workflow paths, with context (trigger type,
 * predecessor type, selected type, output index) backing off to less specific contexts. No LLM, no network.
 * @example const r = NextNodeRecommender.fromWorkflows(loadStarterCorpus());
 *          r.recommend(workflow, 'Webhook') // [{ type: 'set', score: 0.21, parameters: {...} }, ...]
 */
export class NextNodeRecommender {
  private readonly tables = new CountTables();
  private readonly byWorkflow = new Map<string, TransitionEvent[]>();
  private anonymous = 0;

  static fromWorkflows(workflows: Iterable<WorkflowJson>): NextNodeRecommender {
    const r = new NextNodeRecommender();
    for (const w of workflows) r.learn(w);
    return r;
  }

  /** Learn (or re-learn, replacing the previous version of the same workflow id) one workflow. */
  learn(workflow: WorkflowJson): void {
    const key = workflow.id ? `id:${workflow.id}` : `anon:${++this.anonymous}`;
    this.forgetKey(key);
    this.addEvents(key, extractEvents(workflow));
  }

  /** Remove a workflow's contribution (deleted or unpublished). */
  forget(workflowId: string): void {
    this.forgetKey(`id:${workflowId}`);
  }

  get workflowCount(): number {
    return this.byWorkflow.size;
  }

  /** Next-node suggestions for `nodeName` in `workflow` (undefined = suggest a trigger for an empty workflow). */
  recommend(
    workflow: WorkflowJson,
    nodeName: string | undefined,
    opts: RecommendOptions = {},
  ): Recommendation[] {
    return this.recommendFor(contextFor(workflow, nodeName, opts.outputIndex ?? 0), opts);
  }

  /** Suggestions for an explicit context. */
  recommendFor(context: NodeContext, opts: RecommendOptions = {}): Recommendation[] {
    const limit = Math.max(1, Math.min(50, opts.limit ?? 5));
    const candidates =
      context.prev === START
        ? [...(this.tables.levels[this.tables.levels.length - 1].get(START)?.keys() ?? [])]
        : [...this.tables.unigram.keys()];
    const keys = contextKeys(context);
    const unigramTotal = sum(this.tables.unigram);
    const scored: Recommendation[] = [];
    for (const type of candidates) {
      if (opts.allowedTypes && !opts.allowedTypes.has(type)) continue;
      // Add-one over the candidate set keeps unseen-but-installed types possible.
      let p =
        context.prev === START
          ? 1 / Math.max(1, candidates.length)
          : ((this.tables.unigram.get(type) ?? 0) + 1) / (unigramTotal + candidates.length);
      for (let level = keys.length - 1; level >= 0; level--) {
        const row = this.tables.levels[level].get(keys[level]);
        if (!row) continue;
        const n = sum(row);
        const distinct = row.size;
        p = ((row.get(type) ?? 0) + distinct * p) / (n + distinct);
      }
      scored.push({ type, score: p, parameters: undefined });
    }
    scored.sort((a, b) => b.score - a.score || (a.type < b.type ? -1 : 1));
    const top = scored.slice(0, limit);
    for (const r of top) r.parameters = this.tables.preset(context.prev, r.type);
    return top;
  }

  /** A compact JSON form (the observed transitions per workflow); counts are rebuilt on load. */
  toJSON(): SerialisedRecommender {
    const workflows: SerialisedRecommender['workflows'] = {};
    for (const [key, events] of this.byWorkflow) {
      workflows[key] = events.map((e) => [e.trigger, e.prev2, e.prev, e.out, e.next, e.params]);
    }
    return { version: SERIAL_VERSION, workflows };
  }

  /** Restore from `toJSON()` output; throws a clear error on anything else. */
  static fromJSON(data: unknown): NextNodeRecommender {
    const parsed = Serialised.safeParse(data);
    if (!parsed.success)
      throw new Error(`Not a serialised recommender: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const r = new NextNodeRecommender();
    for (const [key, rows] of Object.entries(parsed.data.workflows)) {
      r.addEvents(
        key,
        rows.map(([trigger, prev2, prev, out, next, params]) => ({
          trigger,
          prev2,
          prev,
          out,
          next,
          params: params as Record<string, ParameterValue>,
        })),
      );
      if (key.startsWith('anon:')) r.anonymous = Math.max(r.anonymous, Number(key.slice(5)) || 0);
    }
    return r;
  }

  private addEvents(key: string, events: TransitionEvent[]) {
    this.byWorkflow.set(key, events);
    for (const e of events) this.tables.apply(e, 1);
  }

  private forgetKey(key: string) {
    const old = this.byWorkflow.get(key);
    if (!old) return;
    for (const e of old) this.tables.apply(e, -1);
    this.byWorkflow.delete(key);
  }
}

function sum(map: Map<string, number>): number {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
}
