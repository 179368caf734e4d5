import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { workflowKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { TextArea } from '../../ui/Field.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { FormError } from '../../ui/States.tsx';
import { parseWorkflowJson } from './import-json.ts';
import { importWorkflow } from './workflows-api.ts';

/** Import an n8n or Tandem workflow export from a file or pasted JSON. */
export function ImportWorkflowDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: importWorkflow,
    onSuccess: (w) => {
      qc.invalidateQueries({ queryKey: workflowKeys.lists() });
      navigate(`/workflows/${w.id}`);
    },
  });
  const submit = () => {
    const parsed = parseWorkflowJson(text);
    if (!parsed.ok) return setLocalError(parsed.error);
    setLocalError(null);
    m.mutate(parsed.value);
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 5_000_000) return setLocalError('That file is larger than 5 MB.');
    setText(await file.text());
  };
  return (
    <Modal
      title="Import workflow JSON"
      onClose={onClose}
      testId="import-workflow-dialog"
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            onClick={submit}
            busy={m.isPending}
            disabled={!text.trim()}
            data-testid="import-submit"
          >
            Import
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <p className="text-sm text-slate-500">Exports from n8n import as they are.</p>
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => onFile(e.target.files?.[0])}
          className="text-sm"
          data-testid="import-file"
        />
        <TextArea
          rows={12}
          placeholder='{"name": "…", "nodes": [], "connections": {}}'
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="import-json"
        />
        {localError && (
          <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700" role="alert">
            {localError}
          </p>
        )}
        <FormError error={m.error} />
      </div>
    </Modal>
  );
}
