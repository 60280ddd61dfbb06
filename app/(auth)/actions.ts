'use server';

import { AuthError } from 'next-auth';
import { signIn, signOut } from '@/lib/auth/auth';
import { getDb } from '@/lib/db/client';
import { createUser } from '@/lib/accounts/users';
import { AccountError } from '@/lib/accounts/account-error';

export interface AuthFormState {
  error?: string;
  email?: string;
}

async function signInWithPassword(email: string, password: string): Promise<AuthFormState> {
  try {
    await signIn('credentials', { email, password, redirectTo: '/flows' });
    return {};
  } catch (error) {
    // signIn redirects by throwing; only Auth.js errors are failures.
    if (!(error instanceof AuthError)) throw error;
    const throttled = (error as { code?: string }).code === 'throttled';
    return {
      email,
      error: throttled ? 'Too many failed attempts. Wait a few minutes and try again.' : 'Wrong email or password.',
    };
  }
}

export async function signInAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  return signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
}

export async function signUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  try {
    await createUser(await getDb(), { email, password, name: String(form.get('name') ?? '') });
  } catch (error) {
    if (error instanceof AccountError) return { email, error: error.message };
    throw error;
  }
  return signInWithPassword(email, password);
}

export async function oauthSignInAction(provider: 'github' | 'google') {
  await signIn(provider, { redirectTo: '/flows' });
}

export async function signOutAction() {
  await signOut({ redirectTo: '/sign-in' });
}
