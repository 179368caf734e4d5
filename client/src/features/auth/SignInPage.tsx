import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { authKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Input } from '../../ui/Field.tsx';
import { FormError } from '../../ui/States.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { login } from './auth-api.ts';

/** Sign-in form; on success goes back to where the user came from. */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [, navigate] = useLocation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      qc.setQueryData(authKeys.me(), user);
      const next = new URLSearchParams(window.location.search).get('next');
      navigate(next?.startsWith('/') ? next : '/');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ email, password });
  };
  return (
    <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to edit workflows together.">
      <form onSubmit={submit} className="space-y-4" data-testid="signin-form">
        <Field label="Email" htmlFor="signin-email">
          <Input
            id="signin-email"
            data-testid="signin-email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label="Password" htmlFor="signin-password">
          <Input
            id="signin-password"
            data-testid="signin-password"
            type="password"
            autoComplete="current-password"
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
          data-testid="signin-submit"
        >
          Sign in
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-500">
        New here?{' '}
        <Link
          href="/register"
          className="font-medium text-indigo-600 hover:underline"
          data-testid="goto-register"
        >
          Create an account
        </Link>
      </p>
    </AuthLayout>
  );
}
