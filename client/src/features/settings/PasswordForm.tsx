import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Field, Input } from '../../ui/Field.tsx';
import { FormError } from '../../ui/States.tsx';
import { changePassword } from './settings-api.ts';

/** Password change; requires the current password and a matching confirmation. */
export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const m = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });
  const mismatch = confirm.length > 0 && confirm !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    m.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" data-testid="password-form">
      <Field label="Current password" htmlFor="pw-current">
        <Input
          id="pw-current"
          data-testid="password-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </Field>
      <Field label="New password" htmlFor="pw-new" hint="At least 8 characters.">
        <Input
          id="pw-new"
          data-testid="password-new"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </Field>
      <Field
        label="Confirm new password"
        htmlFor="pw-confirm"
        error={mismatch ? 'Passwords do not match.' : null}
      >
        <Input
          id="pw-confirm"
          data-testid="password-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          required
        />
      </Field>
      <FormError error={m.error} />
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          busy={m.isPending}
          disabled={mismatch}
          data-testid="password-save"
        >
          Change password
        </Button>
        {m.isSuccess && <span className="text-sm text-emerald-600">Password changed</span>}
      </div>
    </form>
  );
}
