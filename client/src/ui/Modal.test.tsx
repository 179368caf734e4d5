// @vitest-environment happy-dom
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../features/editor/panel/test-render.tsx';
import { Modal } from './Modal.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const tab = (shiftKey = false) =>
  act(() => {
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }),
    );
  });

function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="opener" onClick={() => setOpen(true)}>
        New workflow
      </button>
      {open && (
        <Modal
          title="New workflow"
          testId="dialog"
          onClose={() => setOpen(false)}
          footer={
            <button type="button" data-testid="create">
              Create
            </button>
          }
        >
          <input data-testid="name" aria-label="Name" />
          <input data-testid="off" aria-label="Off" disabled />
        </Modal>
      )}
    </>
  );
}

describe('Modal', () => {
  it('takes the focus to its first field, keeps Tab inside, and gives the focus back when it closes', () => {
    const r = render(<Page />);
    cleanup = r.unmount;
    const opener = byTestId(r.container, 'opener');
    opener.focus();
    click(opener);
    const dialog = byTestId(r.container, 'dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'New workflow',
    );
    expect(document.activeElement).toBe(byTestId(r.container, 'name'));
    // Order inside: ✕, the field, Create (the disabled field is skipped). The browser moves the focus between
    // them; at either end Tab wraps around instead of leaving the dialog.
    byTestId(r.container, 'create').focus();
    tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    tab(true);
    expect(document.activeElement).toBe(byTestId(r.container, 'create'));
    // Focus that got out (a click on the page behind) comes back in with the next Tab.
    opener.focus();
    tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(r.container.querySelector('[data-testid="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
