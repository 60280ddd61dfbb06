import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isBehindTls, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('a strict CSP with the nonce, no framing, unsafe-eval only in dev', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicy({ nonce: 'n', dev: true })).toContain("'unsafe-eval'");
  });

  it('HSTS only behind TLS', () => {
    expect(securityHeaders({ nonce: 'n', dev: false, https: false })['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', dev: false, https: true })['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(isBehindTls('https', undefined)).toBe(true);
    expect(isBehindTls('https, http', undefined)).toBe(true);
    expect(isBehindTls('http', undefined)).toBe(false);
    expect(isBehindTls(null, 'https://llmtest.example.com')).toBe(true);
    expect(isBehindTls(null, 'http://localhost:3000')).toBe(false);
  });

  it('nonces are random and long enough', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});
