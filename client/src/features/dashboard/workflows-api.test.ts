import { describe, expect, it } from 'vitest';
import type { WorkflowSummary } from '../../api/types.ts';
import { parseWorkflowJson } from './import-json.ts';
import { exportFileName, sortWorkflows } from './workflows-api.ts';

const w = (name: string, createdAt: string, updatedAt?: string): WorkflowSummary => ({
  id: name,
  name,
  createdAt,
  updatedAt,
});

describe('dashboard helpers', () => {
  it('sorts by last update, creation or name', () => {
    const list = [
      w('b', '2026-01-02', '2026-03-01'),
      w('A', '2026-01-03', '2026-01-03'),
      w('c', '2026-01-01', '2026-05-01'),
    ];
    expect(sortWorkflows(list, 'updated').map((x) => x.name)).toEqual(['c', 'b', 'A']);
    expect(sortWorkflows(list, 'created').map((x) => x.name)).toEqual(['A', 'b', 'c']);
    expect(sortWorkflows(list, 'name').map((x) => x.name)).toEqual(['A', 'b', 'c']);
    expect(list.map((x) => x.name)).toEqual(['b', 'A', 'c']);
  });

  it('makes safe export file names', () => {
    expect(exportFileName('My flow / v2: prod')).toBe('My-flow-v2-prod.json');
    expect(exportFileName('../../etc/passwd')).toBe('etcpasswd.json');
    expect(exportFileName('???')).toBe('workflow.json');
  });

  it('checks imported JSON before sending it', () => {
    expect(parseWorkflowJson('{"name":"x","nodes":[],"connections":{}}')).toMatchObject({ ok: true });
    expect(parseWorkflowJson('{"nodes":[]}')).toMatchObject({
      ok: true,
      value: { name: 'Imported workflow' },
    });
    expect(parseWorkflowJson('not json')).toMatchObject({ ok: false });
    expect(parseWorkflowJson('[1,2]')).toMatchObject({ ok: false });
    expect(parseWorkflowJson('{"nodes":{}}')).toMatchObject({
      ok: false,
      error: '"nodes" must be an array.',
    });
    expect(parseWorkflowJson('{"connections":[]}')).toMatchObject({ ok: false });
  });
});
