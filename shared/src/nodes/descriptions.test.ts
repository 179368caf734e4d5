import { describe, expect, it } from 'vitest';
import { isDisplayed, withDefaults } from './display.ts';
import { getNodeDescription, listNodeDescriptions } from './index.ts';

const CORE = [
  'manualTrigger',
  'webhook',
  'scheduleTrigger',
  'errorTrigger',
  'executeWorkflowTrigger',
  'if',
  'switch',
  'merge',
  'filter',
  'splitInBatches',
  'wait',
  'executeWorkflow',
  'noOp',
  'stopAndError',
  'set',
  'code',
  'splitOut',
  'aggregate',
  'summarize',
  'sort',
  'limit',
  'removeDuplicates',
  'renameKeys',
  'dateTime',
  'crypto',
  'compareDatasets',
  'convertToFile',
  'extractFromFile',
  'html',
  'xml',
  'executionData',
  'httpRequest',
  'respondToWebhook',
  'mySql',
  'redis',
  'emailSend',
  'itemLists',
];

describe('node descriptions', () => {
  it('cover every core node of the issue', () => {
    const types = listNodeDescriptions().map((d) => d.type);
    for (const t of CORE) expect(types).toContain(t);
  });

  it('are well formed: versions ascending, options have values, fixed collections have groups', () => {
    for (const d of listNodeDescriptions()) {
      expect(d.versions.length, d.type).toBeGreaterThan(0);
      expect(
        [...d.versions].sort((a, b) => a - b),
        d.type,
      ).toEqual(d.versions);
      for (const p of d.properties) {
        if (p.type === 'options') expect(p.options?.length, `${d.type}.${p.name}`).toBeGreaterThan(0);
        if (p.type === 'fixedCollection') expect(p.groups?.length, `${d.type}.${p.name}`).toBeGreaterThan(0);
        if (p.type === 'options' && p.default !== undefined && !String(p.default).startsWith('=')) {
          expect(
            p.options?.map((o) => o.value),
            `${d.type}.${p.name} default`,
          ).toContain(p.default);
        }
      }
    }
  });

  it('resolve n8n aliases and versions; search', () => {
    expect(getNodeDescription('n8n-nodes-base.if', 2.2)?.displayName).toBe('If');
    expect(getNodeDescription('if', 7)).toBeUndefined();
    expect(getNodeDescription('n8n-nodes-base.nope')).toBeUndefined();
    expect(listNodeDescriptions('loop').map((d) => d.type)).toContain('splitInBatches');
  });

  it('dynamic ports: Switch outputs follow rules and fallback; Loop Over Items v3 has done/loop', () => {
    const sw = getNodeDescription('switch')!;
    const outs = sw.outputs as (p: object, v: number) => number;
    expect(outs({ rules: { values: [{}, {}, {}] } }, 3.2)).toBe(3);
    expect(outs({ rules: { values: [{}] }, options: { fallbackOutput: 'extra' } }, 3)).toBe(2);
    expect(outs({ mode: 'expression', numberOutputs: 6 }, 3)).toBe(6);
    const loop = getNodeDescription('splitInBatches')!;
    expect((loop.outputs as (p: object, v: number) => number)({}, 3)).toBe(2);
    expect((loop.outputs as (p: object, v: number) => number)({}, 1)).toBe(1);
  });

  it('display conditions and defaults depend on version and sibling values', () => {
    const set = getNodeDescription('set')!;
    const assignments = set.properties.find((p) => p.name === 'assignments')!;
    expect(isDisplayed(assignments, { mode: 'manual' }, 3.4)).toBe(true);
    expect(isDisplayed(assignments, { mode: 'raw' }, 3.4)).toBe(false);
    expect(isDisplayed(assignments, { mode: 'manual' }, 3.2)).toBe(false);
    const filled = withDefaults(getNodeDescription('httpRequest')!.properties, {}, 4.2);
    expect(filled).toMatchObject({ method: 'GET', sendBody: false, authentication: 'none' });
    expect(filled.contentType).toBeUndefined();
  });
});
