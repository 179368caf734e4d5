import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { workflowKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Input } from '../../ui/Field.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { FormError } from '../../ui/States.tsx';
import { createWorkflow } from './workflows-api.ts';

/** Asks for a name, creates the workflow and opens it. */
export function CreateWorkflowDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('My workflow');
  const [, navigate] = useLocation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: createWorkflow,
    onSuccess: (w) => {
      qc.invalidateQueries({ queryKey: workflowKeys.lists() });
      navigate(`/workflows/${w.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) m.mutate(name.trim());
  };
  return (
    <Modal
      title="New workflow"
      onClose={onClose}
      testId="create-workflow-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            form="create-wf"
            variant="primary"
            busy={m.isPending}
            data-testid="create-workflow-submit"
          >
            Create
          </Button>
        </>
      }
    >
      <form id="create-wf" onSubmit={submit} className="space-y-3">
        <Field label="Name" htmlFor="wf-name">
          <Input
            id="wf-name"
            autoFocus
            maxLength={256}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="create-workflow-name"
          />
        </Field>
        <FormError error={m.error} />
      </form>
    </Modal>
  );
}
