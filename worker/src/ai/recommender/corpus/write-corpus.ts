/** Regenerate starter-corpus.json from the specs: `node worker/src/ai/recommender/corpus/write-corpus.ts`. */
import { writeFileSync } from 'node:fs';
import { buildStarterCorpus, STARTER_CORPUS_URL } from './index.ts';

const corpus = buildStarterCorpus();
writeFileSync(STARTER_CORPUS_URL, `${JSON.stringify(corpus, null, 1)}\n`);
console.log(`wrote ${corpus.length} workflows to ${STARTER_CORPUS_URL.pathname}`);
