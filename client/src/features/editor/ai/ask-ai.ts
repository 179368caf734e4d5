import { ApiError, api } from '../../../api/client.ts';

export interface AskAiInput {
  workflowId: string;
  selectedNodeId?: string;
  /** The "Ask AI" text; empty = next-step suggestions for the selected node (works without a model). */
  request?: string;
}

/** What the suggest endpoint answers (the suggestions also land in the document's `suggestions` area). */
export interface AskAiResult {
  suggestions: { id?: string; rationale?: string }[];
  /** Model proposals that failed validation and were never written, with why. */
  dropped: string[];
}

export const MAX_REQUEST_CHARS = 4000;

/**
 * Asks the AI co-author for suggestions; it joins the open document and writes them there for everyone.
 * @example await askAi({ workflowId: 'wf1', selectedNodeId: 'n1', request: 'email me a summary' })
 * @throws ApiError; `aiCodeOf(err)` gives the AI reason (`ai_not_configured`, `quota_exceeded`, `ai_bad_output`, …)
 */
export async function askAi(input: AskAiInput, signal?: AbortSignal): Promise<AskAiResult> {
  const request = input.request?.trim();
  if (request && request.length > MAX_REQUEST_CHARS)
    throw new ApiError(400, 'bad_request', `Please keep the request under ${MAX_REQUEST_CHARS} characters.`);
  const body: Record<string, unknown> = { workflowId: input.workflowId, placeInDocument: true };
  if (input.selectedNodeId) body.selectedNodeId = input.selectedNodeId;
  if (request) body.request = request;
  const res = await api<Partial<AskAiResult> | null>('/ai/suggest', { method: 'POST', body, signal });
  return {
    suggestions: Array.isArray(res?.suggestions) ? res.suggestions : [],
    dropped: Array.isArray(res?.dropped) ? res.dropped.filter((d): d is string => typeof d === 'string') : [],
  };
}

/**
 * The precise reason of a failed AI call: the api maps AI failures to generic codes (`unavailable`, `rate_limited`)
 * and keeps the AI's own code in `details.aiCode`.
 * @example aiCodeOf(new ApiError(503, 'unavailable', 'x', { aiCode: 'ai_not_configured' })) // 'ai_not_configured'
 */
export function aiCodeOf(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  const aiCode = (err.details as { aiCode?: unknown } | null | undefined)?.aiCode;
  return typeof aiCode === 'string' ? aiCode : err.code;
}

/**
 * A sentence for the Ask AI box about a failed call.
 * @example askErrorMessage(new ApiError(503, 'ai_not_configured', '…'), true)
 */
export function askErrorMessage(err: unknown, hadRequest: boolean): string {
  if (!(err instanceof ApiError)) return 'Something went wrong while asking the AI. Please try again.';
  switch (aiCodeOf(err)) {
    case 'ai_not_configured':
      return hadRequest
        ? 'No AI model is configured on this server, so written requests cannot be answered. Ask an admin to set one up, or clear the text to get next-step suggestions from the built-in recommender.'
        : 'No AI model is configured on this server. Ask an admin to set one up.';
    case 'quota_exceeded':
      return 'You have used up your AI quota for today. Please try again later.';
    case 'ai_rate_limited':
      return 'The AI provider is busy (rate limited). Please try again in a moment.';
    case 'ai_budget_exceeded':
      return 'This request needed more tokens than allowed. Try a shorter or simpler request.';
    case 'ai_bad_output':
      return 'The AI did not come up with a valid answer. Try rephrasing the request.';
    case 'rate_limited':
      return 'Too many AI requests. Please wait a moment and try again.';
    case 'forbidden':
      return 'Only editors of this workflow can ask the AI.';
    case 'not_found':
      return 'This workflow was not found, or the AI endpoint is not available on this server.';
    case 'network_error':
      return 'Cannot reach the server. Check your connection.';
    default:
      return err.message || 'The AI could not answer. Please try again.';
  }
}

/**
 * A short summary of a finished request.
 * @example askResultMessage({ suggestions: [{}, {}], dropped: [] }, true) // 'The AI placed 2 suggestions on the canvas.'
 */
export function askResultMessage(res: AskAiResult, hadRequest: boolean): string {
  const count = res.suggestions.length;
  const n = res.dropped.length;
  const dropped = n
    ? ` ${n} ${n === 1 ? 'idea was' : 'ideas were'} left out because ${n === 1 ? 'it' : 'they'} did not pass validation.`
    : '';
  if (count === 0) {
    // Without a model the server answers written requests with nothing (only the recommender runs).
    const hint = hadRequest
      ? ' If no AI model is configured on this server, clear the text to get next-step ideas from the built-in recommender.'
      : ' Select a node to get ideas for what could follow it.';
    return `The AI had no suggestions this time.${dropped}${hint}`;
  }
  const placed =
    count === 1
      ? 'The AI placed 1 suggestion on the canvas.'
      : `The AI placed ${count} suggestions on the canvas.`;
  return placed + dropped;
}
