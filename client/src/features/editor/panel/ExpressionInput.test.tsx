// @vitest-environment happy-dom
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpressionInput } from './ExpressionInput.tsx';
import { byTestId, changeValue, click, render } from './test-render.tsx';

function Harness({
  initial,
  sample,
  onValue,
}: {
  initial: string;
  sample?: unknown[];
  onValue: (v: string) => void;
}) {
  const [v, setV] = useState(initial);
  return (
    <ExpressionInput
      value={v}
      sample={sample}
      testId="expr"
      onChange={(next) => {
        setV(next);
        onValue(next);
      }}
    />
  );
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const sample = [{ json: { name: 'Ada', address: { city: 'London' } } }];

describe('expression editor', () => {
  it('highlights {{ }} blocks and flags an unclosed one', () => {
    const r = render(<Harness initial="=Hi {{ $json.name }} and {{ $json.x" onValue={() => {}} />);
    cleanup = r.unmount;
    const segs = [...byTestId(r.container, 'expr-highlight').querySelectorAll('[data-expr-segment]')];
    expect(segs.map((s) => s.getAttribute('data-expr-segment'))).toEqual(['ok', 'open']);
    expect(segs[0].textContent).toBe('{{ $json.name }}');
  });

  it('completes $json fields from the sample and accepts with Enter', () => {
    let last = '';
    const r = render(<Harness initial="=" sample={sample} onValue={(v) => (last = v)} />);
    cleanup = r.unmount;
    const ta = byTestId(r.container, 'expr') as HTMLTextAreaElement;
    ta.setSelectionRange(0, 0);
    changeValue(ta, '{{ $json.ad');
    // happy-dom keeps the caret at the end after a value change, as a browser does while typing.
    const items = [...byTestId(r.container, 'expression-suggestions').querySelectorAll('button')].map(
      (b) => b.textContent,
    );
    expect(items).toEqual(['$json.address', '$json.address.city']);
    act(() => {
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    act(() => {
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(last).toBe('={{ $json.address.city');
  });

  it('previews the value against the first sample item', () => {
    const r = render(
      <Harness initial="=City: {{ $json.address.city }}" sample={sample} onValue={() => {}} />,
    );
    cleanup = r.unmount;
    expect(byTestId(r.container, 'expression-preview').textContent).toBe('= City: London');
  });

  it('says a run is needed when there is no sample', () => {
    const r = render(<Harness initial="={{ $json.a }}" onValue={() => {}} />);
    cleanup = r.unmount;
    expect(r.container.textContent).toContain('Run the workflow to preview');
    expect(r.container.querySelector('[data-testid="expression-preview"]')).toBeNull();
  });

  it('stores the text with the leading = and picks suggestions with the mouse', () => {
    let last = '';
    const r = render(<Harness initial="=" sample={sample} onValue={(v) => (last = v)} />);
    cleanup = r.unmount;
    changeValue(byTestId(r.container, 'expr'), '{{ $json.na');
    expect(last).toBe('={{ $json.na');
    const btn = byTestId(r.container, 'expression-suggestions').querySelector('button')!;
    act(() => {
      btn.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    expect(last).toBe('={{ $json.name');
    click(r.container.querySelector('textarea'));
  });
});
