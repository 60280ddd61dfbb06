import { expect, test } from '@playwright/test';
import { screenshot, signUp, uniqueEmail } from './helpers';

// Before the first call: "No flows yet" with a quickstart for this user; another user's (or an
// unknown) flow name is a 404. The golden path with real calls is in the gateway e2e tests.
test('a new user sees the quickstart, and an unknown flow is a 404', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('flows-empty'));
  await expect(page.getByRole('heading', { name: 'No flows yet' })).toBeVisible();
  await expect(page.getByTestId('quickstart-base-url')).toHaveText(`${baseURL}/v1`);
  for (const id of ['curl', 'javascript', 'python']) await expect(page.getByTestId(`quickstart-${id}`)).toContainText('support-bot');
  await expect(page.getByRole('link', { name: 'Create an API key' })).toHaveAttribute('href', '/keys');
  await screenshot(page, 'flows-empty');

  const response = await page.goto('/flows/support-bot');
  expect(response?.status()).toBe(404);
});
