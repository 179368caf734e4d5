import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { credentialKeys } from '../../api/query-keys.ts';
import type { Credential } from '../../api/types.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Input, Select } from '../../ui/Field.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { FormError } from '../../ui/States.tsx';
import { buildData, credentialType, credentialTypes, initialValues } from './credential-types.ts';
import { createCredential, updateCredential } from './credentials-api.ts';

/** Create or edit a typed credential in a dialog. Secrets are write-only. */
export function CredentialForm({ existing, onClose }: { existing?: Credential; onClose: () => void }) {
  const qc = useQueryClient();
  const [type, setType] = useState(existing?.type ?? credentialTypes[0].type);
  const t = credentialType(type);
  const [name, setName] = useState(existing?.name ?? '');
  const [values, setValues] = useState(() => initialValues(t, existing?.data));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: (body: { name: string; type: string; data: Record<string, unknown> }) =>
      existing ? updateCredential(existing.id, body) : createCredential(body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: credentialKeys.all() });
      onClose();
    },
  });
  const serverFields = m.error instanceof ApiError ? m.error.fieldErrors() : {};
  const changeType = (next: string) => {
    setType(next);
    setValues(initialValues(credentialType(next)));
    setErrors({});
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildData(t, values, Boolean(existing));
    if (!name.trim()) built.errors.name = 'Name is required.';
    setErrors(built.errors);
    if (Object.keys(built.errors).length === 0) m.mutate({ name: name.trim(), type, data: built.data });
  };
  return (
    <Modal
      title={existing ? `Edit ${existing.name}` : 'New credential'}
      onClose={onClose}
      testId="credential-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            type="submit"
            form="credential-form"
            busy={m.isPending}
            data-testid="credential-save"
          >
            {existing ? 'Save' : 'Create'}
          </Button>
        </>
      }
    >
      <form id="credential-form" onSubmit={submit} className="space-y-4">
        <Field label="Type" htmlFor="cred-type">
          <Select
            id="cred-type"
            data-testid="credential-type"
            value={type}
            disabled={Boolean(existing)}
            onChange={(e) => changeType(e.target.value)}
          >
            {credentialTypes.map((ct) => (
              <option key={ct.type} value={ct.type}>
                {ct.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" htmlFor="cred-name" error={errors.name ?? serverFields.name}>
          <Input
            id="cred-name"
            data-testid="credential-name"
            value={name}
            placeholder="e.g. Production API"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        {t.fields.map((f) => {
          const id = `cred-${f.key}`;
          const err = errors[f.key] ?? serverFields[`data.${f.key}`];
          if (f.kind === 'boolean')
            return (
              <label key={f.key} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  data-testid={`credential-field-${f.key}`}
                  checked={Boolean(values[f.key])}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.checked })}
                />
                {f.label}
              </label>
            );
          return (
            <Field
              key={f.key}
              label={`${f.label}${f.required ? ' *' : ''}`}
              htmlFor={id}
              error={err}
              hint={
                f.secret && existing ? 'Stored encrypted. Leave blank to keep the current value.' : undefined
              }
            >
              <Input
                id={id}
                data-testid={`credential-field-${f.key}`}
                type={f.kind === 'password' ? 'password' : f.kind === 'number' ? 'number' : 'text'}
                autoComplete={f.secret ? 'new-password' : 'off'}
                placeholder={f.secret && existing ? '••••••••  (unchanged)' : f.placeholder}
                value={String(values[f.key] ?? '')}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              />
            </Field>
          );
        })}
        <FormError error={m.error} />
      </form>
    </Modal>
  );
}
