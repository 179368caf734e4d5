import { useCallback, useEffect, useRef, useState } from 'react';
import { type AskAiInput, aiCodeOf, askAi, askErrorMessage, askResultMessage } from './ask-ai.ts';

export type AskState =
  | { phase: 'idle' }
  | { phase: 'asking'; startedAt: number }
  | { phase: 'done'; message: string; count: number }
  | { phase: 'error'; message: string; code: string | null };

/** One "Ask AI" request at a time: state, submit and cancel (the request keeps its result while the box is closed). */
export function useAskAi(ask: typeof askAi = askAi) {
  const [state, setState] = useState<AskState>({ phase: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => ctrl.current?.abort(), []);
  const submit = useCallback(
    async (input: AskAiInput) => {
      ctrl.current?.abort();
      const c = new AbortController();
      ctrl.current = c;
      setState({ phase: 'asking', startedAt: Date.now() });
      try {
        const res = await ask(input, c.signal);
        if (c.signal.aborted) return;
        setState({
          phase: 'done',
          count: res.suggestions.length,
          message: askResultMessage(res, Boolean(input.request?.trim())),
        });
      } catch (err) {
        if (c.signal.aborted) return;
        setState({
          phase: 'error',
          code: aiCodeOf(err),
          message: askErrorMessage(err, Boolean(input.request?.trim())),
        });
      } finally {
        if (ctrl.current === c) ctrl.current = null;
      }
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
