import { ExecutionMode, ExecutionStatus } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import {
  customDataFilterFor,
  customDataProblem,
  MODE_CHOICES,
  SINCE_CHOICES,
  STATUS_CHOICES,
  sinceToFrom,
} from './execution-filters.ts';

describe('executions page filters', () => {
  it('offer exactly the api statuses and modes', () => {
    expect(STATUS_CHOICES.map(([v]) => v).sort()).toEqual([...ExecutionStatus.options].sort());
    expect(MODE_CHOICES.map(([v]) => v).sort()).toEqual([...ExecutionMode.options].sort());
  });

  it('turn a time range into the api `from`, relative to now', () => {
    const now = Date.parse('2026-11-26T12:00:00.000Z');
    expect(sinceToFrom('1h', now)).toBe('2026-11-26T11:00:00.000Z');
    expect(sinceToFrom('24h', now)).toBe('2026-11-25T12:00:00.000Z');
    expect(sinceToFrom('7d', now)).toBe('2026-11-19T12:00:00.000Z');
    expect(sinceToFrom('', now)).toBeUndefined();
    for (const [v] of SINCE_CHOICES) expect(sinceToFrom(v, now)).toBeDefined();
  });

  it('say why a custom data filter would be refused, and accept name:value, a name alone or nothing', () => {
    for (const ok of [
      '',
      'orderId:42',
      'orderId',
      'orderId:',
      'url:http://x',
      `${'n'.repeat(50)}:${'v'.repeat(255)}`,
    ])
      expect(customDataProblem(ok)).toBeNull();
    expect(customDataProblem(':42')).toBe('Start with a name: name:value, or a name alone');
    expect(customDataProblem('n'.repeat(51))).toBe('A name has at most 50 characters');
    expect(customDataProblem(`n:${'v'.repeat(256)}`)).toBe('A value has at most 255 characters');
  });

  it('make a chip filter only when the api would read its pair back', () => {
    expect(customDataFilterFor('orderId', '42')).toBe('orderId:42');
    expect(customDataFilterFor('url', 'http://x')).toBe('url:http://x');
    expect(customDataFilterFor('a:b', 'c')).toBeNull();
  });
});
