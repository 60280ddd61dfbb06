// The calls explorer and the call page with real calls: made through the openai SDK against the
// running app (fake upstream providers behind it), then found, filtered and opened in the browser.
import { expect, test } from '@playwright/test';
import OpenAI from 'openai';
import { createKeyInUi, enqueueFakeRule, screenshot, signUp, uniqueEmail } from './helpers';

test('calls are listed newest first, filter by fallback, open with their attempt chain, and stay private', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('calls'));
  await page.goto('/calls');
  await expect(page.getByTestId('calls-empty')).toContainText('No calls yet');
  await screenshot(page, 'calls-empty');

  const key = await createKeyInUi(page, 'explorer');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });
  const plain = await client.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }, { headers: { 'X-Flow': 'support-bot' } })
    .withResponse();
  const plainId = plain.response.headers.get('x-llmtest-request-id')!;
  // The primary fails twice (first try and its retry): the next model serves.
  await enqueueFakeRule({ provider: 'openai', model: 'gpt-4o', times: 2, behaviour: { type: 'status', status: 500 } });
  const fallback = await client.chat.completions
    .create({ model: 'gpt-4o', models: ['gpt-4o', 'anthropic/claude-sonnet-4'], messages: [{ role: 'user', content: 'Hi' }] } as never, { headers: { 'X-Flow': 'support-bot' } })
    .withResponse();
  const fallbackId = fallback.response.headers.get('x-llmtest-request-id')!;
  expect(fallback.response.headers.get('x-llmtest-fallback-model')).toBe('anthropic/claude-sonnet-4');

  // The call log is written asynchronously, in batches: the rows appear within moments.
  const rows = page.getByTestId('call-row');
  await expect
    .poll(async () => {
      await page.goto('/calls');
      return rows.count();
    })
    .toBe(2);
  await expect(rows.nth(0)).toHaveAttribute('data-call-id', fallbackId);
  await expect(rows.nth(1)).toHaveAttribute('data-call-id', plainId);
  await expect(rows.nth(0)).toContainText('support-bot');
  await expect(rows.nth(0)).toContainText('anthropic/claude-sonnet-4');
  await expect(rows.nth(0).getByTestId('call-badge')).toContainText(['fallback']);
  await expect(rows.nth(0).getByTestId('call-cost')).toContainText('$0.');
  await screenshot(page, 'calls-list');

  await page.getByLabel('Fallback').selectOption('yes');
  await page.waitForURL('**/calls?fallback=yes');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-call-id', fallbackId);

  await rows.first().getByRole('link').first().click();
  await page.waitForURL(`**/calls/${fallbackId}`);
  await expect(page.getByTestId('call-id')).toHaveText(fallbackId);
  await expect(page.getByTestId('call-requested-model')).toHaveText('gpt-4o');
  await expect(page.getByTestId('call-served-model')).toHaveText('anthropic/claude-sonnet-4');
  const attempts = page.getByTestId('call-attempt');
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(0)).toHaveAttribute('data-status', '500');
  await expect(attempts.nth(1)).toHaveAttribute('data-status', '500');
  await expect(attempts.nth(2)).toHaveAttribute('data-reason', 'ok');
  await expect(attempts.nth(2)).toHaveAttribute('data-model', 'anthropic/claude-sonnet-4');
  await expect(page.locator('[data-testid="response-header"][data-name="x-llmtest-fallback-model"]')).toContainText('anthropic/claude-sonnet-4');
  await expect(page.locator('[data-testid="response-header"][data-name="x-llmtest-request-id"]')).toContainText(fallbackId);
  await expect(page.getByTestId('cost-total')).toContainText('$0.');
  await expect(page.getByTestId('request-body')).toContainText('"models": [');
  await expect(page.getByTestId('response-body')).toContainText('"model": "anthropic/claude-sonnet-4"');
  await screenshot(page, 'call-page');

  expect((await page.goto('/calls/not-a-call-id'))?.status()).toBe(404);

  // Another user sees neither the calls nor the call page.
  await page.goto('/calls');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await signUp(page, uniqueEmail('calls-other'));
  expect((await page.goto(`/calls/${fallbackId}`))?.status()).toBe(404);
  await page.goto('/calls');
  await expect(page.getByTestId('calls-empty')).toContainText('No calls yet');
  await expect(page.getByLabel('Flow').locator('option')).toHaveText(['All flows']);
});

test('filters live in the URL and clear back to the newest calls', async ({ page }) => {
  await signUp(page, uniqueEmail('calls-filters'));
  await page.goto('/calls');
  await page.getByLabel('Status').selectOption('error');
  await page.waitForURL('**/calls?status=error');
  await expect(page.getByTestId('calls-empty')).toContainText('No calls match these filters.');
  await page.getByLabel('Model (requested or served)').fill('openai/gpt-4o');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/model=openai%2Fgpt-4o/);
  expect(new URL(page.url()).searchParams.get('status')).toBe('error');
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('error');
  await expect(page.getByLabel('Model (requested or served)')).toHaveValue('openai/gpt-4o');
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  await page.waitForURL(/\/calls$/);
  await expect(page.getByLabel('Status')).toHaveValue('');

  // Signed out, the explorer and the call page send you to sign in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await page.goto('/calls/anything');
  await page.waitForURL('**/sign-in');
});
