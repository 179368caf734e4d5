import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { authKeys } from '../../api/query-keys.ts';
import type { User } from '../../api/types.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Input } from '../../ui/Field.tsx';
import { FormError } from '../../ui/States.tsx';
import { updateProfile } from './settings-api.ts';

/** Name and email form. */
export function ProfileForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: updateProfile,
    onSuccess: (u) => qc.setQueryData(authKeys.me(), { ...user, ...u }),
  });
  const fields = m.error instanceof ApiError ? m.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ name, email });
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" data-testid="profile-form">
      <Field label="Name" htmlFor="profile-name" error={fields.name}>
        <Input
          id="profile-name"
          data-testid="profile-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </Field>
      <Field label="Email" htmlFor="profile-email" error={fields.email}>
        <Input
          id="profile-email"
          data-testid="profile-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </Field>
      <FormError error={m.error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" busy={m.isPending} data-testid="profile-save">
          Save profile
        </Button>
        {m.isSuccess && <span className="text-sm text-emerald-600">Saved</span>}
      </div>
    </form>
  );
}
