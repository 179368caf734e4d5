// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from '../panel/test-render.tsx';
import { useAfterFirstPaint } from './useAfterFirstPaint.ts';

function Probe() {
  return <p data-testid="probe">{useAfterFirstPaint() ? 'late' : 'first'}</p>;
}

describe('useAfterFirstPaint', () => {
  it('is false in the first render and true once a frame has passed and the browser is idle', async () => {
    const r = render(<Probe />);
    expect(r.container.textContent).toBe('first');
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(r.container.textContent).toBe('late');
    r.unmount();
  });

  it('cancels its callbacks when unmounted before they ran', async () => {
    const raf = vi.spyOn(window, 'cancelAnimationFrame');
    const r = render(<Probe />);
    r.unmount();
    expect(raf).toHaveBeenCalled();
    raf.mockRestore();
  });
});
