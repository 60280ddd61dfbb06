// The dashboard's security headers, set on every page by proxy.ts (never on /v1/*, which the
// custom server answers before Next and which must stay fast).
//   CSP: scripts only with this response's nonce ('strict-dynamic' lets Next's nonced loader
//        pull its chunks); no plugins, no <base> hijack, no framing (frame-ancestors 'none').
//        Styles allow 'unsafe-inline': React style attributes (the charts) need it, and a style
//        cannot run code. Every page is rendered per request (app/layout.tsx), so Next puts the
//        nonce on its own scripts.
//   HSTS only when the request came over TLS (x-forwarded-proto https from the load balancer, or
//        AUTH_URL https): sent over plain http it would be ignored, or pin a dev host to https.

export interface SecurityHeaderOptions {
  nonce: string;
  /** `next dev` needs 'unsafe-eval' (React's debug stacks). */
  dev: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev }: Pick<SecurityHeaderOptions, 'nonce' | 'dev'>): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (options.https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** TLS in front of us: the load balancer says so, or the public URL is https. */
export function isBehindTls(forwardedProto: string | null, authUrl: string | undefined): boolean {
  if (forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https') return true;
  return authUrl?.trim().toLowerCase().startsWith('https://') ?? false;
}

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
