import type { Page } from '@playwright/test';

/** The e2e server's AUTH_SECRET (playwright.config.ts): test-only, signs the session cookies. */
export const E2E_AUTH_SECRET = 'llmtest-e2e-auth-secret-for-tests-only-0123456789';

/** Saves a full-page screenshot under e2e/output/screenshots for review, light and dark. */
export async function screenshot(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `e2e/output/screenshots/${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export function uniqueEmail(tag: string) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function signUp(page: Page, email: string, password = 'correct horse battery') {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/flows');
}

/** The fake upstream providers started beside the app (e2e/start-app.mjs), controlled over HTTP. */
export const fakeProvidersUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3210) + 1}`;

export async function enqueueFakeRule(rule: Record<string, unknown>) {
  const response = await fetch(`${fakeProvidersUrl}/__fake/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (!response.ok) throw new Error(`fake provider rule refused: ${response.status} ${await response.text()}`);
}

/** Creates an API key through the keys page and returns it. */
export async function createKeyInUi(page: Page, name: string): Promise<string> {
  await page.goto('/keys');
  await page.getByLabel('Key name').fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  return (await page.getByTestId('new-key-value').textContent())!;
}
