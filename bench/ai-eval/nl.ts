/**
 * Natural language → workflow evaluation. With OPENAI_API_KEY (and optionally OPENAI_BASE_URL, AI_MODEL) set it
 * scores the configured model; otherwise it runs against the scripted fake server (a model that answers each request
 * with its expected nodes), which checks the pipeline end to end but says nothing about model quality.
 * Usage: node bench/ai-eval/nl.ts [--limit N]
 */
import { nlToWorkflow } from '../../worker/src/ai/nl-to-workflow.ts';
import { createAiProvider } from '../../worker/src/ai/provider/client.ts';
import { isAiConfigured, resolveAiConfig } from '../../worker/src/ai/provider/config.ts';
import { startFakeOpenAiServer } from '../../worker/src/ai/testing/fake-openai-server.ts';
import { type CaseScore, formatNlTable, loadNlCases, scoreCase } from './nl-score.ts';
import { scriptedAnswer } from './scripted-model.ts';

const limitArg = process.argv.indexOf('--limit');
const cases = loadNlCases().slice(0, limitArg > 0 ? Number(process.argv[limitArg + 1]) : undefined);
const real = isAiConfigured();
const fake = real
  ? undefined
  : await startFakeOpenAiServer({ handler: (req) => scriptedAnswer(req.body, cases) });
const config = real
  ? resolveAiConfig({ timeoutMs: 120_000 })
  : resolveAiConfig({ credential: { apiKey: 'fake', url: fake!.url } });
const ai = createAiProvider(config);
const scores: CaseScore[] = [];
for (const c of cases) {
  try {
    const { workflow } = await nlToWorkflow(c.text, { ai, maxAttempts: 3 });
    scores.push(scoreCase(c, workflow));
  } catch (err) {
    scores.push(scoreCase(c, undefined, (err as Error).message));
  }
}
await fake?.close();
console.log(
  formatNlTable(
    real
      ? `${config.model} at ${config.baseURL ?? 'api.openai.com'}`
      : 'scripted fake server (no key configured)',
    scores,
  ),
);
