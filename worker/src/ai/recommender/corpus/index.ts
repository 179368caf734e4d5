import { readFileSync } from 'node:fs';
import { WorkflowJson } from '@tandem/shared/schema';
import { z } from 'zod';
import { build } from './build-workflow.ts';
import { otherSpecs } from './specs-other.ts';
import { scheduledSpecs } from './specs-scheduled.ts';
import { webhookSpecs } from './specs-webhooks.ts';

/** Path of the shipped starter corpus (workflow JSON, n8n export format). */
export const STARTER_CORPUS_URL = new URL('./starter-corpus.json', import.meta.url);

/** Build the starter corpus from its specs (used to regenerate `starter-corpus.json`). */
export function buildStarterCorpus(): WorkflowJson[] {
  return [...webhookSpecs, ...scheduledSpecs, ...otherSpecs].map((spec, i) => build(spec, i + 1));
}

/**
 * Load the shipped starter corpus, validated against the workflow schema.
 * @example loadStarterCorpus().length // 62
 */
export function loadStarterCorpus(): WorkflowJson[] {
  const raw = JSON.parse(readFileSync(STARTER_CORPUS_URL, 'utf8'));
  return z.array(WorkflowJson).parse(raw);
}
