import { listNodeDescriptions } from '@tandem/shared/nodes';
import { describe, expect, it } from 'vitest';
import {
  defaultParameters,
  findDescription,
  normaliseDescriptions,
  portCount,
  searchNodes,
} from './node-catalog.ts';

// What GET /api/nodes sends: the descriptions as JSON (functions and schemas do not survive).
const all = normaliseDescriptions(JSON.parse(JSON.stringify({ data: listNodeDescriptions() })));

describe('node library', () => {
  it('accepts the api answer as an array, {data} or {nodes}, dropping junk', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(normaliseDescriptions([{ type: 'x', displayName: 'X' }, { type: 1 }, null])).toHaveLength(1);
    expect(
      normaliseDescriptions({ nodes: [{ type: 'x', displayName: 'X', properties: 'bad' }] })[0].properties,
    ).toEqual([]);
    expect(normaliseDescriptions('nope')).toEqual([]);
  });

  it('searches names first, then descriptions and keywords, within a category', () => {
    const http = searchNodes(all, 'http', 'all');
    expect(http[0].type).toBe('httpRequest');
    expect(searchNodes(all, 'branch', 'all').map((d) => d.type)).toContain('if');
    const triggers = searchNodes(all, '', 'trigger');
    expect(triggers.length).toBeGreaterThan(2);
    expect(triggers.every((d) => d.group === 'trigger')).toBe(true);
    expect(searchNodes(all, 'zzzz-no-such-node', 'all')).toEqual([]);
  });

  it('creates default parameters that are plain copies', () => {
    const code = findDescription(new Map(all.map((d) => [d.type, d])), 'n8n-nodes-base.code')!;
    const p = defaultParameters(code);
    expect(typeof p.jsCode).toBe('string');
    (p as { jsCode: string }).jsCode = 'changed';
    expect(defaultParameters(code).jsCode).not.toBe('changed');
  });

  it('reads port counts, falling back when they depend on parameters', () => {
    expect(portCount(2, 1)).toBe(2);
    expect(portCount(undefined, 1)).toBe(1);
    expect(portCount(-1, 1)).toBe(1);
    expect(portCount(1000, 1)).toBe(1);
  });
});
