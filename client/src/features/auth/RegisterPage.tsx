import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../../api/client.ts';
import { authKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Input } from '../../ui/Field.tsx';
import { FormError } from '../../ui/States.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { register } from './auth-api.ts';

/** Account creation; the first account of an instance becomes its admin. */
export function RegisterPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [, navigate] = useLocation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      qc.setQueryData(authKeys.me(), user);
      navigate('/');
    },
  });
  const fields = m.error instanceof ApiError ? m.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ name, email, password });
  };
  return (
    <AuthLayout title="Create your account" subtitle="Build and run automations with your team, live.">
      <form onSubmit={submit} className="space-y-4" data-testid="register-form">
        <Field label="Name" htmlFor="register-name" error={fields.name}>
          <Input
            id="register-name"
            data-testid="register-name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label="Email" htmlFor="register-email" error={fields.email}>
          <Input
            id="register-email"
            data-testid="register-email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field
          label="Password"
          htmlFor="register-password"
          error={fields.password}
          hint="At least 8 characters."
        >
          <Input
            id="register-password"
            data-testid="register-password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormError error={m.error} />
        <Button
          type="submit"
          variant="primary"
          className="w-full"
          busy={m.isPending}
          data-testid="register-submit"
        >
          Create account
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-500">
        Already have an account?{' '}
        <Link
          href="/signin"
          className="font-medium text-indigo-600 hover:underline"
          data-testid="goto-signin"
        >
          Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}
