export { buildStarterCorpus, loadStarterCorpus } from './corpus/index.ts';
export { contextFor, extractEvents, type NodeContext, START } from './events.ts';
export {
  NextNodeRecommender,
  type Recommendation,
  type RecommendOptions,
  type SerialisedRecommender,
} from './recommender.ts';
