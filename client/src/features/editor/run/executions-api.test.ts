import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import { executeDraft, PREVIOUS_RUN_GONE } from './executions-api.ts';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status }));
}

describe('executeDraft', () => {
  it('says in the editor’s words that the run “Run this node” reuses is gone', async () => {
    answer(400, {
      error: {
        code: 'validation_failed',
        message: 'Invalid body: previousExecutionId no execution with this id of this workflow',
        details: [{ path: 'previousExecutionId', message: 'no execution with this id of this workflow' }],
      },
    });
    await expect(
      executeDraft('w1', { destinationNode: 'Code', runNodeOnly: true, previousExecutionId: 'gone' }),
    ).rejects.toThrow(PREVIOUS_RUN_GONE);
  });

  it('passes other refusals through as they are', async () => {
    answer(400, {
      error: {
        code: 'validation_failed',
        message: 'Invalid body: startNode no node named "X" in the workflow this runs',
        details: [{ path: 'startNode', message: 'no node named "X" in the workflow this runs' }],
      },
    });
    const err = await executeDraft('w1', { startNode: 'X' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/startNode/);
  });

  it('answers the new execution’s id', async () => {
    answer(202, { id: 'e1', status: 'queued' });
    await expect(executeDraft('w1', {})).resolves.toBe('e1');
  });
});
