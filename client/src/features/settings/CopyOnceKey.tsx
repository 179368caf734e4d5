import { useState } from 'react';
import { Button } from '../../ui/Button.tsx';

/** Shows a freshly created secret exactly once, with a copy button. */
export function CopyOnceKey({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // Clipboard may be blocked (http, permissions): the text stays selectable.
      setCopied(false);
    }
  };
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="apikey-secret-box">
      <p className="text-sm font-medium text-amber-900">Copy your new key now. You will not see it again.</p>
      <div className="mt-2 flex gap-2">
        <code
          className="flex-1 overflow-x-auto rounded bg-white px-3 py-2 font-mono text-xs ring-1 ring-amber-200 select-all"
          data-testid="apikey-secret"
        >
          {secret}
        </code>
        <Button size="sm" onClick={copy} data-testid="apikey-copy">
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone} data-testid="apikey-secret-done">
          Done
        </Button>
      </div>
    </div>
  );
}
