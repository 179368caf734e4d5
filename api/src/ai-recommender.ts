import type { NextNodeRecommender } from '@tandem/worker/ai';
import type { Logger } from './logger.ts';

/** The next-node model of a process, rebuilt when what it learned from may have changed. */
export type FreshRecommender = {
  /** The model to suggest with; rebuilt first when stale (concurrent callers share one rebuild). */
  current(): Promise<NextNodeRecommender>;
  /** The published workflows changed: the next `current()` rebuilds. */
  invalidate(): void;
};

export type FreshRecommenderOptions = {
  /** Builds a model from scratch (starter corpus + published workflows). */
  load(): Promise<NextNodeRecommender>;
  /** The model when the very first load fails. */
  fallback(): NextNodeRecommender;
  /** Rebuild after this long even without `invalidate()` (changes made by other processes). */
  maxAgeMs: number;
  logger: Pick<Logger, 'warn'>;
};

/**
 * Lazily (re)built model: on first use, after `invalidate()` and after `maxAgeMs`. A failed rebuild keeps the previous
 * model and is retried on the next change or after `maxAgeMs`, not on every request.
 * @example const rec = createFreshRecommender({ load, fallback: createStarterRecommender, maxAgeMs: 60_000, logger });
 *          onPublish(() => rec.invalidate()); recommend(await rec.current());
 */
export function createFreshRecommender(opts: FreshRecommenderOptions): FreshRecommender {
  let generation = 0;
  let loaded: { model: NextNodeRecommender; generation: number; at: number } | undefined;
  let building: { generation: number; model: Promise<NextNodeRecommender> } | undefined;

  async function rebuild(g: number): Promise<NextNodeRecommender> {
    const at = Date.now();
    let model: NextNodeRecommender;
    try {
      model = await opts.load();
    } catch (err) {
      opts.logger.warn({ err }, 'recommender not rebuilt; suggestions keep the previous model');
      model = loaded?.model ?? opts.fallback();
    }
    loaded = { model, generation: g, at };
    return model;
  }

  return {
    async current() {
      if (loaded && loaded.generation === generation && Date.now() - loaded.at < opts.maxAgeMs)
        return loaded.model;
      if (building?.generation !== generation) {
        // A build already running may have read the database before the change: queue a new one behind it.
        const g = generation;
        const run = () => rebuild(g);
        const entry = { generation: g, model: (building?.model ?? Promise.resolve()).then(run, run) };
        building = entry;
        const done = () => {
          if (building === entry) building = undefined;
        };
        entry.model.then(done, done);
      }
      return building.model;
    },
    invalidate() {
      generation++;
    },
  };
}
