import { describe, expect, it } from 'vitest';
import { manualTriggerDescription } from '../nodes/index.ts';
import { createRegistry, workflowBuilder } from './harness.ts';
import { runWorkflow } from './run-workflow.ts';
import type { NodeDescription, NodeType } from './types.ts';

const echo: NodeDescription = {
  type: 'echo',
  displayName: 'Echo',
  description: '',
  group: 'transform',
  versions: [1],
  inputs: 1,
  outputs: 1,
  properties: [
    {
      name: 'mode',
      displayName: 'Mode',
      type: 'options',
      default: 'json',
      options: [
        { name: 'JSON', value: 'json' },
        { name: 'Text', value: 'text' },
      ],
    },
    {
      name: 'body',
      displayName: 'Body',
      type: 'json',
      default: '{"sample":true}',
      displayOptions: { show: { mode: ['json'] } },
    },
    {
      name: 'body',
      displayName: 'Body',
      type: 'string',
      default: '',
      displayOptions: { show: { mode: ['text'] } },
    },
  ],
};

const types: NodeType[] = [
  { description: manualTriggerDescription, execute: () => [[{ json: {} }]] },
  { description: echo, execute: (ctx) => [[{ json: { body: ctx.getNodeParameter('body', 0) } }]] },
];

async function bodyFor(parameters: Record<string, string>) {
  const wf = workflowBuilder()
    .node('Start', 'manualTrigger')
    .node('Echo', 'echo', parameters)
    .connect('Start', 'Echo')
    .build();
  const res = await runWorkflow({
    workflow: wf,
    nodeTypes: createRegistry(types),
    services: { now: Date.now },
  });
  return res.runData.Echo![0]!.data!.main[0]![0]!.json.body;
}

describe('parameter defaults', () => {
  it('take the default of the definition displayed for the current parameters when a name is defined twice', async () => {
    expect(await bodyFor({})).toBe('{"sample":true}');
    expect(await bodyFor({ mode: 'text' })).toBe('');
    expect(await bodyFor({ mode: 'json' })).toBe('{"sample":true}');
  });
});
