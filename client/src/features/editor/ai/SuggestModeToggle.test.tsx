// @vitest-environment happy-dom
import { docParts, docToWorkflow } from '@tandem/shared/doc';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../panel/test-render.tsx';
import { SuggestModeToggle } from './SuggestModeToggle.tsx';
import { readSuggestions } from './suggestion-model.ts';
import { testSession, withEditor } from './test-session.test-util.tsx';
import { useSuggestMode } from './useSuggestMode.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const add = (id: string) => ({
  op: 'addNode' as const,
  node: { id, name: id, type: 'code', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
});

/** The toggle as the header wires it. */
function Toggle() {
  const [on, setOn] = useSuggestMode();
  return <SuggestModeToggle on={on} onChange={setOn} />;
}

describe('SuggestModeToggle with useSuggestMode', () => {
  it('while on, the user’s node additions become suggestions; off again, they are edits', () => {
    const s = testSession();
    const r = render(withEditor(s, <Toggle />));
    cleanup = r.unmount;
    const toggle = byTestId(r.container, 'ai-suggest-mode');
    click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    s.apply([add('A')]);
    expect(docToWorkflow(s.doc).nodes).toHaveLength(0);
    const [sug] = readSuggestions(docParts(s.doc).suggestions.entries());
    expect(sug).toMatchObject({ status: 'pending', byAi: false, author: { userId: 'u1', name: 'Ann' } });
    click(toggle);
    s.apply([add('B')]);
    expect(docToWorkflow(s.doc).nodes.map((n) => n.name)).toEqual(['B']);
  });

  it('switches off when unmounted and is not offered to viewers', () => {
    const s = testSession();
    const r = render(withEditor(s, <Toggle />));
    click(byTestId(r.container, 'ai-suggest-mode'));
    r.unmount();
    s.apply([add('C')]);
    expect(docToWorkflow(s.doc).nodes.map((n) => n.name)).toEqual(['C']);
    const v = render(withEditor(s, <Toggle />, true));
    cleanup = v.unmount;
    expect(v.container.querySelector('[data-testid="ai-suggest-mode"]')).toBeNull();
  });
});
