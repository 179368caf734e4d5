// @vitest-environment happy-dom
import { ReactFlowProvider } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { render } from '../panel/test-render.tsx';
import { AiSuggestions, AiToolbar } from './index.tsx';
import { aiSuggests, settle, testSession, withEditor } from './test-session.test-util.tsx';

describe('lazy mount points', () => {
  it('load the AI UI on demand and render it in the editor context', async () => {
    const s = testSession([{ id: 'a', name: 'Webhook' }]);
    aiSuggests(s.doc, 's1', [{ op: 'removeNode', nodeId: 'a' }]);
    const r = render(
      withEditor(
        s,
        <ReactFlowProvider>
          <AiToolbar suggestMode={{ on: false, onChange: () => {} }} />
          <AiSuggestions />
        </ReactFlowProvider>,
      ),
    );
    for (let i = 0; i < 50 && !r.container.querySelector('[data-testid="ai-suggestion"]'); i++)
      await settle(20);
    expect(r.container.querySelector('[data-testid="ai-ask-open"]')).not.toBeNull();
    expect(r.container.querySelector('[data-testid="ai-suggest-mode"]')).not.toBeNull();
    expect(r.container.querySelector('[data-testid="ai-suggestion"]')?.textContent).toContain(
      'Remove "Webhook"',
    );
    r.unmount();
  });
});
