import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

// Both pages are public: no sign-in, the shell offers "Sign in".
test('the models page lists the catalog, searches it and filters by capability', async ({ page }) => {
  await page.goto('/models');
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  const rows = page.getByTestId('model-row');
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(340);
  const gpt4o = page.locator('[data-testid="model-row"][data-model="openai/gpt-4o"]');
  await expect(gpt4o).toContainText('$2.50');
  await expect(gpt4o).toContainText('$10.00');
  await expect(gpt4o).toContainText('$1.25 cached input');
  await expect(gpt4o).toContainText('128K');
  await expect(gpt4o).toContainText('gpt-4o');
  await expect(gpt4o).toContainText('OpenAI');
  await screenshot(page, 'models');

  await page.getByLabel('Search models').fill('claude-sonnet-4');
  await expect(page.locator('[data-testid="model-row"][data-model="anthropic/claude-sonnet-4"]')).toBeVisible();
  await expect.poll(() => rows.count()).toBeLessThan(10);
  for (const id of await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-model')))) expect(id).toContain('claude-sonnet-4');
  expect(page.url()).toContain('q=claude-sonnet-4');
  await screenshot(page, 'models-search');

  // Capability filter: vision keeps GPT-4o, drops a text-only model.
  await page.getByLabel('Search models').fill('');
  await expect.poll(() => rows.count()).toBe(total);
  await page.getByLabel('Vision').check();
  await expect.poll(() => rows.count()).toBeLessThan(total);
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(gpt4o).toBeVisible();
  await expect(page.locator('[data-testid="model-row"][data-model="01-ai/yi-large"]')).toHaveCount(0);
  expect(page.url()).toContain('cap=vision');

  // The URL keeps the filters across a reload.
  await page.reload();
  await expect(page.getByLabel('Vision')).toBeChecked();
  await expect(page.locator('[data-testid="model-row"][data-model="01-ai/yi-large"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => rows.count()).toBe(total);
});

test('the docs page shows the quickstart for this host and every LLMTest header', async ({ page, baseURL }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { level: 1, name: 'Docs' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  const gatewayUrl = `${new URL(baseURL!).origin}/v1`;
  await expect(page.getByTestId('docs-base-url')).toContainText(gatewayUrl);
  const quickstart = page.getByTestId('quickstart-snippets');
  await expect(quickstart).toContainText(`curl ${gatewayUrl}/chat/completions`);
  await expect(quickstart).toContainText('X-Flow: support-bot');
  await quickstart.getByRole('tab', { name: 'JavaScript (openai)' }).click();
  await expect(quickstart).toContainText(`baseURL: '${gatewayUrl}'`);
  await quickstart.getByRole('tab', { name: 'Python (openai)' }).click();
  await expect(quickstart).toContainText(`base_url="${gatewayUrl}"`);

  for (const header of ['X-Flow', 'x-llmtest-fallback-model', 'x-llmtest-content-fallback', 'x-llmtest-json-repaired', 'x-llmtest-request-id']) {
    await expect(page.locator(`[data-testid="docs-header"][data-header="${header}"]`)).toBeVisible();
  }
  for (const status of [400, 401, 404, 413, 429, 502, 503, 504]) {
    await expect(page.locator(`[data-testid="docs-error"][data-status="${status}"]`)).toBeVisible();
  }
  for (const section of ['Fallbacks', 'JSON recovery', 'Flows', 'Errors', 'Limits']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByTestId('docs-provider-env')).toContainText('LLMTEST_CUSTOM_BASE_URL');
  await screenshot(page, 'docs');
});
