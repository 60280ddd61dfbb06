// A small benchmark end to end: production calls through the openai SDK give the flow recorded
// calls; a benchmark from the flow page replays them on two candidates (fake providers behind the
// app), shows live progress and results, opens a sample side by side, and "Use this model for
// this flow" sends the flow's next production call to the chosen model.
import { expect, test } from '@playwright/test';
import OpenAI from 'openai';
import { createKeyInUi, fakeProvidersUrl, screenshot, signUp, uniqueEmail } from './helpers';

const FLOW = 'faq-bot';

test('benchmark a flow on two models, compare, and switch the flow to one', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signUp(page, uniqueEmail('bench'));
  const key = await createKeyInUi(page, 'bench');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });
  const questions = ['How do I reset my password?', 'Can I change my plan?', 'Where are my invoices?', 'How do I delete my account?'];
  for (const content of questions) {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] }, { headers: { 'X-Flow': FLOW } });
  }

  // The call log is written asynchronously: the flow page shows the calls within moments.
  await expect
    .poll(async () => {
      await page.goto(`/flows/${FLOW}`);
      return page.getByTestId('flow-calls').textContent();
    })
    .toContain('4');
  await page.getByTestId('new-benchmark').click();
  await page.waitForURL('**/benchmarks/new?flow=faq-bot');
  await page.getByLabel('N', { exact: true }).fill('4');
  for (const [search, id] of [
    ['gpt-4o-mini', 'openai/gpt-4o-mini'],
    ['claude sonnet 4', 'anthropic/claude-sonnet-4'],
  ]) {
    await page.getByLabel('Search candidate models').fill(search);
    await page.getByTestId('picker-candidate').locator(`[data-testid="model-option"][data-model="${id}"]`).click();
  }
  await expect(page.getByTestId('picker-candidate').getByTestId('picked-model')).toHaveCount(2);
  await page.getByText("The judge's rubric").click();
  await expect(page.getByTestId('judge-rubric')).toContainText('Score the CANDIDATE from 1 to 10');
  await page.getByRole('button', { name: 'Start benchmark' }).click();
  await page.waitForURL(/\/benchmarks\/[\w-]+$/);

  // Live progress until done (the page refreshes itself every second).
  await expect(page.getByTestId('benchmark-progress')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('benchmark-done')).toHaveText('8 / 8 calls');
  const rows = page.getByTestId('benchmark-model-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-role', 'baseline');
  await expect(rows.nth(0)).toContainText('openai/gpt-4o');
  const mini = page.locator('[data-testid="benchmark-model-row"][data-model="openai/gpt-4o-mini"]');
  await expect(mini.getByTestId('model-error-rate')).toHaveText('0 %');
  await expect(mini.getByTestId('model-total-cost')).toContainText('$0.');
  // The fake OpenAI answers gpt-4o-mini with gpt-4o's text: full agreement.
  await expect(mini.getByTestId('model-quality')).toHaveText('100 %');
  await expect(page.getByTestId('chart-cost-quality').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-latency').locator('svg').first()).toBeVisible();

  const sample = page.getByTestId('benchmark-sample').first();
  await sample.locator('summary').click();
  await expect(sample.getByTestId('sample-baseline')).toBeVisible();
  await expect(sample.getByTestId('sample-answer')).toHaveCount(2);
  await screenshot(page, 'benchmark-results');

  // Replays are benchmark traffic: the flow's production figures still count 4 calls.
  await page.goto(`/flows/${FLOW}`);
  await expect(page.getByTestId('flow-calls')).toHaveText('4');
  await page.goBack();

  await page.locator('[data-testid="benchmark-model-row"][data-model="anthropic/claude-sonnet-4"]').getByRole('button', { name: 'Use this model for this flow' }).click();
  await expect(page.getByTestId('switched-banner')).toContainText('now uses anthropic/claude-sonnet-4');
  const switched = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'And now?' }] }, { headers: { 'X-Flow': FLOW } });
  expect(switched.model).toBe('anthropic/claude-sonnet-4');
  const seen = (await (await fetch(`${fakeProvidersUrl}/__fake/requests`)).json()) as Array<{ provider: string; body: { messages?: Array<{ content: unknown }> } }>;
  expect(JSON.stringify(seen.at(-1)!.body)).toContain('And now?');
  expect(seen.at(-1)!.provider).toBe('anthropic');

  // Undo from the banner: the next call goes back to the requested model.
  await page.getByTestId('switched-banner').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Undone')).toBeVisible();
  const back = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Back?' }] }, { headers: { 'X-Flow': FLOW } });
  expect(back.model).toBe('openai/gpt-4o');

  await page.goto('/benchmarks');
  await expect(page.getByTestId('benchmark-row')).toHaveCount(1);
  await expect(page.getByTestId('benchmark-row')).toContainText('Done');
});

test("another user's benchmark is a 404", async ({ page, browser, baseURL }) => {
  await signUp(page, uniqueEmail('bench-owner'));
  const key = await createKeyInUi(page, 'owner');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'X-Flow': 'private-flow' } });
  await expect
    .poll(async () => {
      await page.goto('/benchmarks/new?flow=private-flow');
      return page.getByRole('button', { name: 'Start benchmark' }).count();
    })
    .toBe(1);
  await page.getByLabel('Search candidate models').fill('gpt-4o-mini');
  await page.getByTestId('model-option').first().click();
  await page.getByRole('button', { name: 'Start benchmark' }).click();
  await page.waitForURL(/\/benchmarks\/[\w-]+$/);
  const url = page.url();

  const other = await browser.newPage();
  await signUp(other, uniqueEmail('bench-other'));
  const response = await other.goto(url);
  expect(response!.status()).toBe(404);
  await other.close();
});
