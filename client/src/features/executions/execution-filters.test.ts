import { ExecutionMode, ExecutionStatus } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { MODE_CHOICES, SINCE_CHOICES, STATUS_CHOICES, sinceToFrom } from './execution-filters.ts';

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
});
