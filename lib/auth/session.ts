// Pages and server actions declare their auth need through these, never inline.
import { redirect } from 'next/navigation';
import { auth } from './auth';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}

/** For dashboard pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}
