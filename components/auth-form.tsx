'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthFormState } from '@/app/(auth)/actions';

interface AuthFormProps {
  mode: 'sign-in' | 'sign-up';
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
}

const inputClass =
  'mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-900';

export function AuthForm({ mode, action }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const signUp = mode === 'sign-up';
  return (
    <form action={formAction} className="space-y-4">
      {signUp && (
        <label className="block text-sm font-medium">
          Name <span className="font-normal text-zinc-500">(optional)</span>
          <input name="name" autoComplete="name" className={inputClass} />
        </label>
      )}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="email" defaultValue={state.email} className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={signUp ? 8 : undefined}
          autoComplete={signUp ? 'new-password' : 'current-password'}
          className={inputClass}
        />
        {signUp && <span className="mt-1 block text-xs font-normal text-zinc-500">At least 8 characters.</span>}
      </label>
      {state.error && (
        <p role="alert" data-testid="form-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? 'Please wait…' : signUp ? 'Create account' : 'Sign in'}
      </button>
      <p className="text-center text-sm text-zinc-500">
        {signUp ? (
          <>
            Already have an account? <Link className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" href="/sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New to LLMTest? <Link className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" href="/sign-up">Create an account</Link>
          </>
        )}
      </p>
    </form>
  );
}
