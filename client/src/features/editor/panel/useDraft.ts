import { useEffect, useRef, useState } from 'react';

/**
 * Local text state for an input bound to a shared value: follows remote changes while the input is not focused,
 * and keeps the user's own text (and caret) while they type.
 */
export function useDraft(value: string) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  return {
    draft,
    setDraft,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      setDraft(value);
    },
  };
}
