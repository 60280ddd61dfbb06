// Next 16 "proxy" (formerly middleware): security headers and a per-request CSP nonce for every
// dashboard page (lib/security/security-headers.ts). /v1/* is excluded: the custom server answers
// it before Next, and hosts that run `next start` should not pay for this on the API either.
import { type NextRequest, NextResponse } from 'next/server';
import { createNonce, isBehindTls, securityHeaders } from './lib/security/security-headers';

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: isBehindTls(request.headers.get('x-forwarded-proto'), process.env.AUTH_URL),
  });
  // Next reads the nonce from the request's CSP header and puts it on its scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', headers['content-security-policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!v1/|v1$|_next/static|_next/image|favicon.ico).*)' }],
};
