import { useCallback, useEffect, useRef, useState } from 'react';
import { type AskAiInput, aiCodeOf, askAi, askErrorMessage, askResultMessage } from './ask-ai.ts';

export type AskState =
  | { phase: 'idle' }
  | { phase: 'asking'; startedAt: number }
  | { phase: 'done'; message: string; count: number }
  | { phase: 'error'; message: string; code: string | null };

/**
 * One "Ask AI" request at a time: state, submit and cancel (the request keeps its result while the box is closed).
 * `submit` resolves to the outcome, or null when the request was cancelled or replaced by another.
 */
export function useAskAi(ask: typeof askAi = askAi) {
  const [state, setState] = useState<AskState>({ phase: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => ctrl.current?.abort(), []);
  const submit = useCallback(
    async (input: AskAiInput): Promise<AskState | null> => {
      ctrl.current?.abort();
      const c = new AbortController();
      ctrl.current = c;
      setState({ phase: 'asking', startedAt: Date.now() });
      const hadRequest = Boolean(input.request?.trim());
      let outcome: AskState;
      try {
        const res = await ask(input, c.signal);
        outcome = {
          phase: 'done',
          count: res.suggestions.length,
          message: askResultMessage(res, hadRequest),
        };
      } catch (err) {
        outcome = { phase: 'error', code: aiCodeOf(err), message: askErrorMessage(err, hadRequest) };
      }
      if (ctrl.current === c) ctrl.current = null;
      if (c.signal.aborted) return null;
      setState(outcome);
      return outcome;
    },
    [ask],
  );
  const cancel = useCallback(() => {
    ctrl.current?.abort();
    ctrl.current = null;
    setState({ phase: 'idle' });
  }, []);
  return { state, submit, cancel };
}
