import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth-form';
import { OAuthButtons } from '@/components/oauth-buttons';
import { oauthProviders } from '@/lib/auth/auth';
import { currentUser } from '@/lib/auth/session';
import { signInAction } from '../actions';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  if (await currentUser()) redirect('/flows');
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold">Sign in</h1>
      <OAuthButtons providers={oauthProviders()} />
      <AuthForm mode="sign-in" action={signInAction} />
    </>
  );
}
