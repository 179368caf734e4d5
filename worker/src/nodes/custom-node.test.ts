import type { NodeDescription } from '@tandem/shared/engine';
import { createRegistry, runWorkflow, workflowBuilder } from '@tandem/shared/engine';
import { manualTriggerDescription } from '@tandem/shared/nodes';
import { describe, expect, it } from 'vitest';
import { customNodeType } from './custom-node.ts';

const description = (outputs = 1): NodeDescription => ({
  type: 'custom.shout',
  displayName: 'Shout',
  description: '',
  group: 'transform',
  versions: [1],
  inputs: 1,
  outputs,
  properties: [{ name: 'field', displayName: 'Field', type: 'string', default: 'text' }],
});

const trigger = {
  description: manualTriggerDescription,
  execute: () => [[{ json: { text: 'hi' } }, { json: { text: 'yo' } }]],
};

async function run(body: string, outputs = 1, parameters: Record<string, string> = {}) {
  const wf = workflowBuilder()
    .node('Start', 'manualTrigger')
    .node('Shout', 'custom.shout', parameters)
    .connect('Start', 'Shout')
    .build();
  const registry = createRegistry([trigger as never, customNodeType(description(outputs), body)]);
  return runWorkflow({ workflow: wf, nodeTypes: registry, services: { now: Date.now } });
}

describe('custom node types', () => {
  it('runs the body in the sandbox with $parameters resolved (defaults and expressions)', async () => {
    const body =
      'return $input.all().map((i) => ({ json: { out: String(i.json[$parameters.field]).toUpperCase() } }));';
    const res = await run(body);
    expect(res.runData.Shout![0]!.data!.main[0]!.map((i) => i.json.out)).toEqual(['HI', 'YO']);
    const expr = await run('return [{ json: { p: $parameters.field } }];', 1, {
      field: '={{ "te" + "xt" }}',
    });
    expect(expr.runData.Shout![0]!.data!.main[0]![0]!.json).toEqual({ p: 'text' });
  });

  it('routes items to outputs by `output`, and refuses a missing output', async () => {
    const res = await run('return items.map((it, i) => ({ json: it.json, output: i }));', 2);
    const main = res.runData.Shout![0]!.data!.main;
    expect(main[0]!.map((i) => i.json.text)).toEqual(['hi']);
    expect(main[1]!.map((i) => i.json)).toEqual([{ text: 'yo' }]);
    const bad = await run('return [{ json: {}, output: 5 }];', 2);
    expect(bad.status).toBe('error');
    expect(bad.runData.Shout![0]!.error!.message).toMatch(/output 5/);
  });

  it("keeps the author's line numbers in errors, and cannot reach the host", async () => {
    const res = await run('const a = 1;\nthrow new Error("boom");');
    expect(res.runData.Shout![0]!.error!.message).toMatch(/boom.*line 2/);
    const sandboxed = await run('return [{ json: { p: typeof process, r: typeof require } }];');
    expect(sandboxed.runData.Shout![0]!.data!.main[0]![0]!.json).toEqual({ p: 'undefined', r: 'undefined' });
  });
});
