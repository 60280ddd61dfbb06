// Dashboard security against the running app: security headers (CSP with a nonce that Next's own
// scripts carry, no framing, HSTS only behind TLS, none of it on /v1), CSRF (a cross-origin POST to
// a server action is refused; Auth.js refuses a credentials POST without its CSRF token), sign-in
// throttling, session expiry, and tenancy through the browser (another user's call, flow and key).
import { expect, type Page, test } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import OpenAI from 'openai';
import { createKeyInUi, E2E_AUTH_SECRET, signUp, uniqueEmail } from './helpers';

const SESSION_COOKIE = 'authjs.session-token';

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}

test('security headers: a nonce CSP that Next\'s scripts carry, no framing, HSTS only behind TLS, nothing on /v1', async ({ page, request }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  const csp = headers['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['strict-transport-security']).toBeUndefined();
  // Next's scripts carry this response's nonce, and the page works (hydrated form, no violations).
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const scripts = await page.locator('script').evaluateAll((elements) => elements.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  // A fresh nonce per response.
  const again = await request.get('/sign-in');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);

  const email = uniqueEmail('headers');
  await signUp(page, email);
  await createKeyInUi(page, 'csp check');
  expect(violations).toEqual([]);

  // Behind a TLS-terminating load balancer: HSTS.
  const tls = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
  expect(tls.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  // The API is untouched by the dashboard's headers.
  const models = await request.get('/v1/models');
  expect(models.status()).toBe(200);
  expect(models.headers()['content-security-policy']).toBeUndefined();
});

test('CSRF: a cross-origin POST to a server action is refused; the same request from our origin works', async ({ page }) => {
  await signUp(page, uniqueEmail('csrf'));
  await page.goto('/keys');
  // Capture a real server action request (create key) as the browser sends it.
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action'])),
    (async () => {
      await page.getByLabel('Key name').fill('first');
      await page.getByRole('button', { name: 'Create key' }).click();
    })(),
  ]);
  await expect(page.getByTestId('new-key-value')).toBeVisible();
  const countKeys = async () => {
    await page.goto('/keys');
    return page.getByTestId('key-row').count();
  };
  expect(await countKeys()).toBe(1);
  const sent = actionRequest.headers();
  const replay = (origin: string) =>
    page.request.fetch(actionRequest.url(), {
      method: 'POST',
      headers: { 'next-action': sent['next-action']!, 'content-type': sent['content-type']!, accept: 'text/x-component', origin },
      data: actionRequest.postDataBuffer()!,
      maxRedirects: 0,
    });
  // The attacker's page posts with the victim's cookies (page.request shares them).
  const forged = await replay('http://evil.example');
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(await countKeys()).toBe(1);
  // Control: the very same request from our own origin creates a key, so the Origin check is what refused it.
  const own = await replay(new URL(page.url()).origin);
  expect(own.status()).toBe(200);
  expect(await countKeys()).toBe(2);
});

test('CSRF: Auth.js refuses a credentials sign-in POST without its CSRF token', async ({ page, playwright, baseURL }) => {
  const email = uniqueEmail('authcsrf');
  const password = 'correct horse battery';
  await signUp(page, email, password);
  await signOut(page);
  const fresh = await playwright.request.newContext({ baseURL });
  try {
    const forged = await fresh.post('/api/auth/callback/credentials', { form: { email, password }, maxRedirects: 0 });
    expect(forged.headers()['location'] ?? '').toMatch(/MissingCSRF|error/i);
    expect((await fresh.storageState()).cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
    // Control: with the token from /api/auth/csrf (double-submit cookie) the same POST signs in.
    const { csrfToken } = (await (await fresh.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await fresh.post('/api/auth/callback/credentials', { form: { email, password, csrfToken }, maxRedirects: 0 });
    expect((await fresh.storageState()).cookies.map((c) => c.name)).toContain(SESSION_COOKIE);
  } finally {
    await fresh.dispose();
  }
});

test('sign-in throttling: after 5 wrong passwords even the right one is refused for a while', async ({ page }) => {
  const email = uniqueEmail('throttle');
  const password = 'correct horse battery';
  await signUp(page, email, password);
  await signOut(page);
  // Each attempt waits for its own server action response (the error text stays the same).
  const attempt = async (pass: string) => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(pass);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action'])),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    // React resets the form once the action settles: wait for it, or it would clear the next fill.
    await expect(page.getByLabel('Password')).toHaveValue('');
  };
  for (let n = 1; n <= 5; n++) {
    await attempt(`wrong password ${n}`);
    await expect(page.getByTestId('form-error')).toHaveText('Wrong email or password.');
  }
  await attempt(password);
  await expect(page.getByTestId('form-error')).toHaveText(/Too many failed attempts/);
  await page.goto('/keys');
  await page.waitForURL('**/sign-in');
});

test('session expiry: an expired session cookie is refused, a fresh one works; sessions last 7 days', async ({ page, context, baseURL }) => {
  const email = uniqueEmail('expiry');
  await signUp(page, email);
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThan(7.1);
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');
  const userId = await page.evaluate(async () => ((await (await fetch('/api/auth/session')).json()) as { user: { id: string } }).user.id);

  const url = new URL(baseURL!);
  const setSession = async (maxAge: number) => {
    const token = await encode({ token: { sub: userId, email, name: null }, secret: E2E_AUTH_SECRET, salt: SESSION_COOKIE, maxAge });
    await context.clearCookies();
    await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  };
  // A token signed with the right secret but expired a minute ago.
  await setSession(-60);
  await page.goto('/keys');
  await page.waitForURL('**/sign-in');
  // The same token minted valid: accepted (so the expiry is what the server refused).
  await setSession(60);
  await page.goto('/keys');
  await expect(page.getByTestId('user-email')).toHaveText(email);
});

test('tenancy in the browser: another user\'s call and flow are 404, revoking their key id does nothing', async ({ page, browser }) => {
  // User B makes a call in flow "b-private" and keeps an active key.
  const other = await browser.newPage();
  await signUp(other, uniqueEmail('tenant-b'));
  const keyB = await createKeyInUi(other, 'b key');
  const base = new URL(other.url()).origin;
  const clientB = new OpenAI({ baseURL: `${base}/v1`, apiKey: keyB, maxRetries: 0 });
  const { response } = await clientB.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'X-Flow': 'b-private' } }).withResponse();
  const callId = response.headers.get('x-llmtest-request-id')!;
  await expect.poll(async () => (await other.goto(`/calls/${callId}`))?.status(), { timeout: 10_000 }).toBe(200);

  // User A, signed in separately.
  await signUp(page, uniqueEmail('tenant-a'));
  expect((await page.goto(`/calls/${callId}`))?.status()).toBe(404);
  await expect(page.locator('body')).not.toContainText('b-private');
  expect((await page.goto('/flows/b-private'))?.status()).toBe(404);

  // A revokes their own key, but the action request is rewritten to carry B's key id.
  await createKeyInUi(page, 'a key');
  const ownKeyId = await keyIdOf(page);
  const otherKeyId = await keyIdOf(other);
  await page.route('**/keys', async (route) => {
    const req = route.request();
    if (req.method() === 'POST' && req.headers()['next-action'] && req.postData()?.includes(ownKeyId)) {
      await route.continue({ postData: req.postData()!.replace(ownKeyId, otherKeyId) });
    } else await route.continue();
  });
  const row = page.getByTestId('key-row').first();
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toContainText('No such API key.');
  await page.unroute('**/keys');
  // B's key still works.
  await expect(clientB.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'still here?' }] })).resolves.toBeTruthy();
  await other.goto('/keys');
  await expect(other.getByTestId('key-status').first()).toHaveText('Active');
  await other.close();
});

/** The id of the first key on the keys page (the revoke action's argument), read from the RSC payload. */
async function keyIdOf(page: Page): Promise<string> {
  await page.goto('/keys');
  const html = await page.content();
  const prefix = await page.getByTestId('key-row').first().getAttribute('data-prefix');
  const match = new RegExp(`\\\\"keyId\\\\":\\\\"([a-z0-9]+)\\\\",\\\\"prefix\\\\":\\\\"${prefix}\\\\"`).exec(html) ?? new RegExp(`"keyId":"([a-z0-9]+)","prefix":"${prefix}"`).exec(html);
  if (!match) throw new Error(`key id of ${prefix} not found in the page`);
  return match[1]!;
}
