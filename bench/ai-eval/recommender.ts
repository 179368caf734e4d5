/**
 * Next-node recommender evaluation: `node bench/ai-eval/recommender.ts [k]` (default 5-fold) on the starter corpus.
 */
import { loadStarterCorpus } from '../../worker/src/ai/recommender/corpus/index.ts';
import { bigram, evaluate, formatTable, mostFrequent, ngram } from './recommender-eval.ts';

const k = Number(process.argv[2] ?? 5);
const corpus = loadStarterCorpus();
console.log(`Starter corpus: ${corpus.length} workflows, ${k}-fold cross-validation\n`);
console.log(
  formatTable([
    evaluate(corpus, 'most frequent (baseline)', mostFrequent, k),
    evaluate(corpus, 'bigram on selected type (baseline)', bigram, k),
    evaluate(corpus, 'Tandem n-gram (trigger, 2 predecessors, output; Witten-Bell backoff)', ngram, k),
  ]),
);
