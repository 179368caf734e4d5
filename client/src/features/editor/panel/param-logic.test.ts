import type { ParameterDescription } from '@tandem/shared/engine';
import {
  httpRequestDescription,
  ifDescription,
  isDisplayed,
  listNodeDescriptions,
  withDefaults,
} from '@tandem/shared/nodes';
import { describe, expect, it } from 'vitest';
import {
  effectiveValues,
  fromExpression,
  isExpression,
  isVisible,
  jsonError,
  parseNumberInput,
  supportsExpression,
  toExpression,
  valueOrDefault,
  visibleParameters,
} from './param-logic.ts';

const p = (over: Partial<ParameterDescription>): ParameterDescription => ({
  name: 'x',
  displayName: 'X',
  type: 'string',
  default: '',
  ...over,
});

describe('expression mode', () => {
  it('recognises stored expressions by the leading =', () => {
    expect(isExpression('={{ $json.a }}')).toBe(true);
    expect(isExpression('plain')).toBe(false);
    expect(isExpression(3)).toBe(false);
  });

  it('switches fixed values to expressions keeping their text', () => {
    expect(toExpression('hello')).toBe('=hello');
    expect(toExpression(42)).toBe('=42');
    expect(toExpression(true)).toBe('=true');
    expect(toExpression({ a: 1 })).toBe('={"a":1}');
    expect(toExpression(undefined)).toBe('=');
    expect(toExpression('=already')).toBe('=already');
  });

  it('switches back to a typed fixed value, or the default when the text does not fit', () => {
    expect(fromExpression('=12', { type: 'number', default: 0 })).toBe(12);
    expect(fromExpression('=abc', { type: 'number', default: 7 })).toBe(7);
    expect(fromExpression('=', { type: 'number', default: 7 })).toBe(7);
    expect(fromExpression('=true', { type: 'boolean', default: false })).toBe(true);
    expect(fromExpression('=maybe', { type: 'boolean', default: false })).toBe(false);
    expect(fromExpression('=hi there', { type: 'string', default: '' })).toBe('hi there');
    expect(fromExpression('={{ $json.x }}', { type: 'string', default: 'd' })).toBe('d');
    expect(fromExpression('=[1,2]', { type: 'multiOptions', default: [] })).toEqual([1, 2]);
    expect(fromExpression('=[oops', { type: 'multiOptions', default: [] })).toEqual([]);
  });

  it('offers the toggle only where an expression makes sense', () => {
    expect(supportsExpression(p({ type: 'string' }))).toBe(true);
    expect(supportsExpression(p({ type: 'collection' }))).toBe(false);
    expect(supportsExpression(p({ type: 'code' }))).toBe(false);
    expect(supportsExpression(p({ type: 'string', noDataExpression: true }))).toBe(false);
  });
});

describe('display conditions', () => {
  it('shows when every show key matches one of its values and no hide key matches', () => {
    const opts = { show: { method: ['POST', 'PUT'], sendBody: [true] }, hide: { mode: ['raw'] } };
    expect(isVisible(opts, { method: 'POST', sendBody: true }, {}, 1)).toBe(true);
    expect(isVisible(opts, { method: 'GET', sendBody: true }, {}, 1)).toBe(false);
    expect(isVisible(opts, { method: 'PUT', sendBody: false }, {}, 1)).toBe(false);
    expect(isVisible(opts, { method: 'PUT', sendBody: true, mode: 'raw' }, {}, 1)).toBe(false);
    expect(isVisible(undefined, {}, {}, 1)).toBe(true);
  });

  it('matches @version against the node version and /key against root parameters', () => {
    expect(isVisible({ show: { '@version': [2, 2.1] } }, {}, {}, 2.1)).toBe(true);
    expect(isVisible({ show: { '@version': [2, 2.1] } }, {}, {}, 1)).toBe(false);
    expect(isVisible({ show: { '/resource': ['file'] } }, { resource: 'x' }, { resource: 'file' }, 1)).toBe(
      true,
    );
  });

  it('falls back to defaults for unset siblings and keeps dependants of expressions visible', () => {
    expect(isVisible({ show: { mode: ['simple'] } }, {}, {}, 1, { mode: 'simple' })).toBe(true);
    expect(isVisible({ show: { mode: ['simple'] } }, { mode: '={{ $json.m }}' }, {}, 1)).toBe(true);
    expect(isVisible({ hide: { mode: ['simple'] } }, { mode: '={{ 1 }}' }, {}, 1)).toBe(true);
  });

  it('supports n8n _cnd conditions', () => {
    expect(isVisible({ show: { limit: [{ _cnd: { gte: 10 } }] } }, { limit: 12 }, {}, 1)).toBe(true);
    expect(isVisible({ show: { limit: [{ _cnd: { gte: 10 } }] } }, { limit: 3 }, {}, 1)).toBe(false);
    expect(
      isVisible({ show: { url: [{ _cnd: { startsWith: 'https' } }] } }, { url: 'http://x' }, {}, 1),
    ).toBe(false);
  });

  it('picks the If node conditions editor by version (v2 filter, v1 legacy groups)', () => {
    const v2 = visibleParameters(ifDescription.properties, {}, {}, 2).map((x) => `${x.name}:${x.type}`);
    expect(v2).toContain('conditions:filter');
    expect(v2).not.toContain('combineOperation:options');
    const v1 = visibleParameters(ifDescription.properties, {}, {}, 1).map((x) => `${x.name}:${x.type}`);
    expect(v1).toContain('conditions:fixedCollection');
    expect(v1).toContain('combineOperation:options');
  });

  it('agrees with the engine (isDisplayed + withDefaults) for every built-in node and version', () => {
    let checked = 0;
    for (const d of listNodeDescriptions()) {
      for (const version of d.versions) {
        const engine = withDefaults(d.properties, {}, version);
        const expected = new Set(
          d.properties.filter((x) => isDisplayed(x, engine, version)).map((x) => x.name),
        );
        const ours = new Set(visibleParameters(d.properties, {}, {}, version).map((x) => x.name));
        expect([...ours].sort(), `${d.type} v${version}`).toEqual([...expected].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('shows HTTP Request body options only once the body is switched on', () => {
    const names = (values: Record<string, unknown>) =>
      visibleParameters(httpRequestDescription.properties, values, values, 4.2).map((x) => x.name);
    const off = names({ method: 'POST' });
    const on = names({ method: 'POST', sendBody: true });
    expect(on.length).toBeGreaterThan(off.length);
    expect(on).toContain('sendBody');
  });

  it('fills defaults of displayed parameters in two passes', () => {
    const params = [
      p({ name: 'mode', type: 'options', default: 'a' }),
      p({ name: 'onlyA', default: 'x', displayOptions: { show: { mode: ['a'] } } }),
      p({ name: 'onlyB', default: 'y', displayOptions: { show: { mode: ['b'] } } }),
    ];
    expect(effectiveValues(params, {}, {}, 1)).toEqual({ mode: 'a', onlyA: 'x' });
    expect(effectiveValues(params, { mode: 'b' }, {}, 1)).toEqual({ mode: 'b', onlyB: 'y' });
  });

  it('renders only the first visible definition of a repeated name', () => {
    const params = [
      p({ name: 'v', displayName: 'Old', displayOptions: { show: { '@version': [1] } } }),
      p({ name: 'v', displayName: 'New A' }),
      p({ name: 'v', displayName: 'New B' }),
    ];
    expect(visibleParameters(params, {}, {}, 2).map((x) => x.displayName)).toEqual(['New A']);
    expect(visibleParameters(params, {}, {}, 1).map((x) => x.displayName)).toEqual(['Old']);
  });

  it('reads set values, else the default', () => {
    expect(valueOrDefault({ a: 0 }, p({ name: 'a', default: 5 }))).toBe(0);
    expect(valueOrDefault({}, p({ name: 'a', default: 5 }))).toBe(5);
  });
});

describe('input parsing', () => {
  it('parses numbers and clamps them to min/max', () => {
    expect(parseNumberInput('7')).toBe(7);
    expect(parseNumberInput('7', { minValue: 10 })).toBe(10);
    expect(parseNumberInput('700', { maxValue: 100 })).toBe(100);
    expect(parseNumberInput('-1.5')).toBe(-1.5);
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('abc')).toBeUndefined();
    expect(parseNumberInput('Infinity')).toBeUndefined();
  });

  it('reports JSON syntax errors but accepts empty text and expressions', () => {
    expect(jsonError('{"a": 1}')).toBeNull();
    expect(jsonError('')).toBeNull();
    expect(jsonError('={{ $json }}')).toBeNull();
    expect(jsonError('{"a": }')).toMatch(/./);
  });
});
