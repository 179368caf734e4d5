import { ExecutionMode, ExecutionStatus } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { MODE_CHOICES, STATUS_CHOICES } from './execution-filters.ts';

describe('executions page filters', () => {
  it('offer exactly the api statuses and modes', () => {
    expect(STATUS_CHOICES.map(([v]) => v).sort()).toEqual([...ExecutionStatus.options].sort());
    expect(MODE_CHOICES.map(([v]) => v).sort()).toEqual([...ExecutionMode.options].sort());
  });
});
