import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import * as ai from './index.ts';

describe('@tandem/worker/ai', () => {
  it('exposes the functions the api wires', () => {
    for (const name of [
      'createAiProvider',
      'resolveAiConfig',
      'nlToWorkflow',
      'generateContent',
      'suggestNextSteps',
      'proposeFixes',
      'joinAsCoauthor',
      'createStarterRecommender',
    ]) {
      expect(typeof (ai as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('the starter recommender restores saved state without double counting the corpus', () => {
    const first = ai.createStarterRecommender();
    first.learn(
      WorkflowJson.parse({
        id: 'mine',
        name: 'm',
        nodes: [
          { id: 'a', name: 'A', type: 'manualTrigger', typeVersion: 1, position: [0, 0] },
          { id: 'b', name: 'B', type: 'xml', typeVersion: 1, position: [0, 0] },
        ],
        connections: { A: { main: [[{ node: 'B', index: 0 }]] } },
      }),
    );
    const restored = ai.createStarterRecommender(JSON.parse(JSON.stringify(first)));
    expect(restored.workflowCount).toBe(first.workflowCount);
    const probe = WorkflowJson.parse({
      name: 'p',
      nodes: [{ id: 'a', name: 'A', type: 'manualTrigger', typeVersion: 1, position: [0, 0] }],
    });
    expect(restored.recommend(probe, 'A')).toEqual(first.recommend(probe, 'A'));
  });
});
