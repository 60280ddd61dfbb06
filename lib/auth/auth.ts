// Auth.js (next-auth v5): email + password (credentials) always; GitHub / Google only when their
// OAuth env vars are set. Sessions are JWTs (required by the credentials provider), 7 days.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { withEncryptedAccountTokens } from '../crypto/account-tokens';
import { instanceSecretBox } from '../crypto/instance-secret-box';
import { getDb } from '../db/client';
import { verifyPassword } from './password';
import { signInThrottle } from './sign-in-throttle';

export class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
}

export function oauthProviders(env: NodeJS.ProcessEnv = process.env): Array<'github' | 'google'> {
  const list: Array<'github' | 'google'> = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push('github');
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push('google');
  return list;
}

function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim() || request?.headers.get('x-real-ip') || 'local';
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  const enabled = oauthProviders();
  const config: NextAuthConfig = {
    // OAuth tokens are encrypted at rest (AES-256-GCM under LLMTEST_SECRET): lib/crypto/account-tokens.ts.
    adapter: withEncryptedAccountTokens(PrismaAdapter(db as never), instanceSecretBox()),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: '/sign-in' },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const email = String(credentials?.email ?? '').trim().toLowerCase();
          const password = String(credentials?.password ?? '');
          const ip = clientIp(request);
          if (!email || !password) return null;
          if (signInThrottle.retryAfterSeconds(email, ip) > 0) throw new ThrottledSignIn();
          const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
          const ok = await verifyPassword(password, user?.passwordHash);
          if (!user || !ok) {
            signInThrottle.recordFailure(email, ip);
            return null;
          }
          signInThrottle.recordSuccess(email, ip);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(enabled.includes('github') ? [GitHub] : []),
      ...(enabled.includes('google') ? [Google] : []),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
  return config;
});
