// The billing page on a self-hosted instance (the e2e server runs without STRIPE_SECRET_KEY): it
// says so, shows this month's spend from the call log, and its spend limits work end to end:
// the 80 % banner on every dashboard page, then a 402 insufficient_quota for the openai SDK.
import { expect, test, type Page } from '@playwright/test';
import OpenAI from 'openai';
import { createKeyInUi, screenshot, signUp, uniqueEmail } from './helpers';

/** "$0.000286" / "$1,234.50" → micro-dollars. */
function micros(text: string): bigint {
  const [whole, fraction = ''] = text.replace(/[$,\s]/g, '').split('.');
  return BigInt(whole!) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
}
const dollars = (m: bigint) => `${m / 1_000_000n}.${String(m % 1_000_000n).padStart(6, '0')}`;

async function setAccountLimit(page: Page, value: string) {
  await page.goto('/billing');
  const form = page.getByTestId('limit-account');
  await form.getByLabel('Monthly limit for the account').fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved')).toBeVisible();
}

test('billing page: self-hosted notice, spend, the 80 % banner and the 402 at the limit', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('billing'));
  await page.goto('/billing');
  await expect(page.getByRole('heading', { name: 'Billing' })).toBeVisible();
  await expect(page.getByTestId('billing-self-hosted')).toContainText('STRIPE_SECRET_KEY is not set');
  await expect(page.getByTestId('billing-spend')).toHaveText('$0.00');
  await expect(page.getByText('No spend this month yet.')).toBeVisible();
  await expect(page.getByTestId('spend-banner')).toHaveCount(0);

  const key = await createKeyInUi(page, 'billing-e2e');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });
  for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Hello ${i}` }] });

  // The spend comes from the call log (written in the background within ~50 ms).
  await expect(async () => {
    await page.goto('/billing');
    expect(micros((await page.getByTestId('billing-spend').textContent())!)).toBeGreaterThan(0n);
    await expect(page.getByTestId('billing-spend')).toContainText('$');
    await expect(page.getByTestId('chart-daily-spend')).toBeVisible();
  }).toPass({ timeout: 10_000 });
  const spent = micros((await page.getByTestId('billing-spend').textContent())!);
  await expect(page.locator('[data-testid="limit-key-row"]')).toHaveCount(1);

  // A limit the spend is ~90 % of: the banner appears on every dashboard page.
  await setAccountLimit(page, dollars((spent * 10n + 8n) / 9n));
  for (const path of ['/flows', '/keys', '/billing']) {
    await page.goto(path);
    await expect(page.getByTestId('spend-banner')).toContainText(/You have used (8\d|9\d) % of your monthly spend limit/);
  }
  await screenshot(page, 'billing');

  // At the limit: the SDK gets OpenAI's insufficient_quota error, and the banner says so.
  await setAccountLimit(page, dollars(spent));
  const refused = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'One more' }] }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(OpenAI.APIError);
  expect(refused).toMatchObject({ status: 402, code: 'insufficient_quota', type: 'insufficient_quota' });
  expect((refused as Error).message).toContain('Your monthly spend limit of');
  await page.goto('/flows');
  await expect(page.getByTestId('spend-banner')).toContainText('You have reached your monthly spend limit');

  // Removing the limit lets calls through at once, and the banner goes away.
  await setAccountLimit(page, '');
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Back again' }] });
  await page.goto('/flows');
  await expect(page.getByTestId('spend-banner')).toHaveCount(0);

  // A bad amount is refused with a message, nothing saved.
  await page.goto('/billing');
  const form = page.getByTestId('limit-account');
  await form.getByLabel('Monthly limit for the account').fill('ten dollars');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('Enter an amount in dollars');
});
