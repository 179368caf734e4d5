import type { WorkflowJson } from '@tandem/shared/schema';
import { expect } from 'vitest';
import type { TestClient } from './harness.ts';

/** A node for a test workflow (typeVersion 1 unless given). */
export const node = (name: string, type: string, parameters = {}, x = 0, typeVersion = 1) => ({
  id: name,
  name,
  type,
  typeVersion,
  position: [x, 0] as [number, number],
  parameters,
});

/** Manual Trigger → `last`, with these settings. */
export const startThen = (
  name: string,
  last: ReturnType<typeof node>,
  settings: WorkflowJson['settings'] = {},
): WorkflowJson => ({
  name,
  nodes: [node('Start', 'manualTrigger'), { ...last, position: [200, 0] }],
  connections: { Start: { main: [[{ node: last.name, type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1', ...settings },
});

/** Creates and publishes the workflow as `client`; answers its id. */
export async function publishWorkflow(client: TestClient, wf: WorkflowJson): Promise<string> {
  const id = (await client.post('/api/workflows', wf)).json.id as string;
  expect((await client.post(`/api/workflows/${id}/publish`)).status).toBe(201);
  return id;
}
