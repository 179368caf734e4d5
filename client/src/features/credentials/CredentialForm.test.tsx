// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byTestId, changeValue, click, render } from '../editor/panel/test-render.tsx';
import { CredentialForm } from './CredentialForm.tsx';

afterEach(() => vi.unstubAllGlobals());

function stubFetch() {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    return new Response(JSON.stringify({ id: 'c1', name: 'x', type: 'httpHeaderAuth', data: {} }), {
      status: 200,
    });
  });
  return calls;
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

function mount(ui: React.ReactNode) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>);
}

describe('credential form', () => {
  it('creates a typed credential with its secret', async () => {
    const calls = stubFetch();
    const closed = vi.fn();
    const r = mount(<CredentialForm onClose={closed} />);
    changeValue(byTestId(document.body, 'credential-type'), 'httpHeaderAuth');
    changeValue(byTestId(document.body, 'credential-name'), 'My API');
    changeValue(byTestId(document.body, 'credential-field-name'), 'X-Key');
    changeValue(byTestId(document.body, 'credential-field-value'), 's3cret');
    click(byTestId(document.body, 'credential-save'));
    await settle();
    expect(calls).toEqual([
      {
        url: '/api/credentials',
        method: 'POST',
        body: { name: 'My API', type: 'httpHeaderAuth', data: { name: 'X-Key', value: 's3cret' } },
      },
    ]);
    expect(closed).toHaveBeenCalled();
    r.unmount();
  });

  it('never shows a stored secret and keeps it when left blank', async () => {
    const calls = stubFetch();
    const r = mount(
      <CredentialForm
        existing={{
          id: 'c9',
          name: 'Prod',
          type: 'httpHeaderAuth',
          data: { name: 'X-Key', value: 'should-not-appear' },
        }}
        onClose={() => {}}
      />,
    );
    const secret = byTestId(document.body, 'credential-field-value') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(document.body.innerHTML).not.toContain('should-not-appear');
    expect((byTestId(document.body, 'credential-type') as HTMLSelectElement).disabled).toBe(true);
    changeValue(byTestId(document.body, 'credential-name'), 'Prod 2');
    click(byTestId(document.body, 'credential-save'));
    await settle();
    expect(calls).toEqual([
      { url: '/api/credentials/c9', method: 'PUT', body: { name: 'Prod 2', data: { name: 'X-Key' } } },
    ]);
    r.unmount();
  });

  it('does not send a form with missing required fields', async () => {
    const calls = stubFetch();
    const r = mount(<CredentialForm onClose={() => {}} />);
    changeValue(byTestId(document.body, 'credential-type'), 'httpBearerAuth');
    click(byTestId(document.body, 'credential-save'));
    await settle();
    expect(calls).toEqual([]);
    expect(document.body.textContent).toContain('Token is required.');
    expect(document.body.textContent).toContain('Name is required.');
    r.unmount();
  });
});
