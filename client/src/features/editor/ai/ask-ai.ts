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
}

export const MAX_REQUEST_CHARS = 4000;

/**
 * Asks the AI co-author for suggestions; it joins the open document and writes them there for everyone.
 * @example await askAi({ workflowId: 'wf1', selectedNodeId: 'n1', request: 'email me a summary' })
 * @throws ApiError (code `ai_not_configured` when no model is configured and a request text was given)
 */
export async function askAi(input: AskAiInput, signal?: AbortSignal): Promise<AskAiResult> {
  const request = input.request?.trim();
  if (request && request.length > MAX_REQUEST_CHARS)
    throw new ApiError(400, 'bad_request', `Please keep the request under ${MAX_REQUEST_CHARS} characters.`);
  const body: Record<string, unknown> = { workflowId: input.workflowId, placeInDocument: true };
  if (input.selectedNodeId) body.selectedNodeId = input.selectedNodeId;
  if (request) body.request = request;
  const res = await api<AskAiResult>('/ai/suggest', { method: 'POST', body, signal });
  return { suggestions: Array.isArray(res?.suggestions) ? res.suggestions : [] };
}

/**
 * A sentence for the Ask AI box about a failed call.
 * @example askErrorMessage(new ApiError(503, 'ai_not_configured', '…'), true)
 */
export function askErrorMessage(err: unknown, hadRequest: boolean): string {
  if (!(err instanceof ApiError)) return 'Something went wrong while asking the AI. Please try again.';
  switch (err.code) {
    case 'ai_not_configured':
      return hadRequest
        ? 'No AI model is configured on this server, so written requests cannot be answered. Ask an admin to set one up, or clear the text to get next-step suggestions from the built-in recommender.'
        : 'No AI model is configured on this server. Ask an admin to set one up.';
    case 'rate_limited':
      return err.message || 'Too many AI requests. Please wait a moment and try again.';
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

/** A short summary of a finished request. */
export function askResultMessage(count: number): string {
  if (count === 0) return 'The AI had no suggestions this time. Try describing what you want in more detail.';
  return count === 1
    ? 'The AI placed 1 suggestion on the canvas.'
    : `The AI placed ${count} suggestions on the canvas.`;
}
