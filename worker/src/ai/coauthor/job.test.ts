import type { RunResult } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { CoauthorJobPayload, failureFromRun, handleCoauthorJob } from './job.ts';

describe('co-author job', () => {
  it('extracts the failing node, error and input items from a failed run', () => {
    const run: Pick<RunResult, 'status' | 'error' | 'lastNodeExecuted' | 'runData'> = {
      status: 'error',
      error: { name: 'NodeOperationError', message: 'Request failed with status code 502', node: 'Fetch' },
      lastNodeExecuted: 'Fetch',
      runData: {
        Fetch: [
          {
            startTime: 0,
            executionTime: 1,
            status: 'error',
            data: { main: [] },
            source: [],
            inputData: { main: [[1, 2, 3, 4].map((n) => ({ json: { n } }))] },
          },
        ],
      },
    };
    expect(failureFromRun(run)).toEqual({
      node: 'Fetch',
      message: 'Request failed with status code 502',
      description: undefined,
      items: [{ n: 1 }, { n: 2 }, { n: 3 }],
    });
    expect(failureFromRun({ ...run, status: 'success' })).toBeUndefined();
  });

  it('refuses malformed payloads before connecting anywhere', async () => {
    await expect(
      handleCoauthorJob(
        { workflowId: '', userId: 'u' },
        { collabUrl: 'ws://127.0.0.1:1/collab', token: () => 't', recommender: undefined as never },
      ),
    ).rejects.toThrow();
    expect(
      CoauthorJobPayload.safeParse({ workflowId: 'w', userId: 'u', request: 'x'.repeat(5000) }).success,
    ).toBe(false);
  });
});
