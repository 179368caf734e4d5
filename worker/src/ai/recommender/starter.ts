import { loadStarterCorpus } from './corpus/index.ts';
import { NextNodeRecommender } from './recommender.ts';

/**
 * The recommender an instance starts with: the shipped starter corpus, plus the instance's own published
 * workflows when `saved` (a previous `toJSON()`) is given. Call `learn(workflow)` on every publish and persist
 * `toJSON()` now and then; `forget(id)` when a workflow is deleted.
 * @example const rec = createStarterRecommender(await store.load('recommender'));
 */
export function createStarterRecommender(saved?: unknown): NextNodeRecommender {
  const model =
    saved === undefined || saved === null ? new NextNodeRecommender() : NextNodeRecommender.fromJSON(saved);
  // Corpus workflows carry fixed ids (corpus-N), so re-learning them replaces rather than double counts.
  for (const wf of loadStarterCorpus()) model.learn(wf);
  return model;
}
