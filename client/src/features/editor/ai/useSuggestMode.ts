import { newId } from '@tandem/shared/util';
import { useEffect, useState } from 'react';
import { useEditor } from '../editor-context.ts';
import { installSuggestMode } from './suggest-mode.ts';

/**
 * "Suggest" mode of this user, on or off. Its state lives in the header rather than in its toggle, because the
 * toggle moves into the header's menu on narrow screens. Off for viewers, and when the editor closes.
 */
export function useSuggestMode(): [boolean, (on: boolean) => void] {
  const { session, readOnly } = useEditor();
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!on || readOnly) return;
    return installSuggestMode(session, newId, '');
  }, [on, readOnly, session]);
  return [on, setOn];
}
