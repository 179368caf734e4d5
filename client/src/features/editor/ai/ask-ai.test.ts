import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import { aiCodeOf, askAi, askErrorMessage, askResultMessage, MAX_REQUEST_CHARS } from './ask-ai.ts';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  });
  return calls;
}

describe('askAi', () => {
  it('posts the workflow, the selected node and the trimmed request, asking to place them in the document', async () => {
    const calls = stubFetch(200, {
      suggestions: [{ id: 's1' }, { id: 's2' }],
      dropped: ['unknown node type "x"', 7],
    });
    const res = await askAi({ workflowId: 'wf1', selectedNodeId: 'n1', request: '  email me a summary \n' });
    expect(res.suggestions).toHaveLength(2);
    expect(res.dropped).toEqual(['unknown node type "x"']);
    expect(calls[0].url).toBe('/api/ai/suggest');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({
      workflowId: 'wf1',
      selectedNodeId: 'n1',
      request: 'email me a summary',
      placeInDocument: true,
    });
  });

  it('omits an empty request and a missing selection (next-step suggestions), and tolerates an odd answer', async () => {
    const calls = stubFetch(200, { nope: true });
    expect(await askAi({ workflowId: 'wf1', request: '   ' })).toEqual({ suggestions: [], dropped: [] });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ workflowId: 'wf1', placeInDocument: true });
  });

  it('refuses an overlong request before calling the server', async () => {
    const calls = stubFetch(200, {});
    await expect(askAi({ workflowId: 'w', request: 'x'.repeat(MAX_REQUEST_CHARS + 1) })).rejects.toThrow(
      /under/,
    );
    expect(calls).toHaveLength(0);
  });

  it('turns the api error body into an ApiError, keeping the AI reason from details.aiCode', async () => {
    stubFetch(503, {
      error: {
        code: 'unavailable',
        message: 'No AI model is configured',
        details: { aiCode: 'ai_not_configured' },
      },
    });
    const err = await askAi({ workflowId: 'w', request: 'hi' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(aiCodeOf(err)).toBe('ai_not_configured');
    expect(askErrorMessage(err, true)).toMatch(/No AI model is configured/);
    // A plain code is used as is.
    expect(aiCodeOf(new ApiError(503, 'ai_not_configured', 'x'))).toBe('ai_not_configured');
    expect(aiCodeOf(new Error('x'))).toBeNull();
  });
});

describe('messages', () => {
  it('explains a missing model, pointing to the recommender when a text was given', () => {
    const e = new ApiError(503, 'ai_not_configured', 'x');
    expect(askErrorMessage(e, true)).toMatch(/clear the text/);
    expect(askErrorMessage(e, false)).not.toMatch(/clear the text/);
    expect(askErrorMessage(new ApiError(403, 'forbidden', 'x'), false)).toMatch(/editors/);
    expect(askErrorMessage(new ApiError(500, 'server_error', 'boom'), false)).toBe('boom');
    const quota = new ApiError(429, 'rate_limited', 'Daily AI token quota used up', {
      aiCode: 'quota_exceeded',
    });
    expect(askErrorMessage(quota, true)).toMatch(/quota for today/);
    expect(
      askErrorMessage(new ApiError(422, 'unprocessable', 'x', { aiCode: 'ai_bad_output' }), true),
    ).toMatch(/rephras/);
    expect(askErrorMessage(new TypeError('x'), false)).toMatch(/went wrong/);
  });
  it('summarises results, with dropped ideas and a hint when nothing came back', () => {
    const res = (n: number, dropped: string[] = []) => ({
      suggestions: Array.from({ length: n }, () => ({})),
      dropped,
    });
    expect(askResultMessage(res(1), true)).toBe('The AI placed 1 suggestion on the canvas.');
    expect(askResultMessage(res(3, ['a', 'b']), true)).toBe(
      'The AI placed 3 suggestions on the canvas. 2 ideas were left out because they did not pass validation.',
    );
    expect(askResultMessage(res(0), true)).toMatch(/no suggestions.*clear the text/);
    expect(askResultMessage(res(0), false)).toMatch(/Select a node/);
  });
});
