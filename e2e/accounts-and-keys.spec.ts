import { expect, test } from '@playwright/test';
import { screenshot, signUp, uniqueEmail } from './helpers';

test('sign up, create a key shown once, see it by prefix, revoke it, sign out and back in', async ({ page }) => {
  await page.goto('/');
  await screenshot(page, 'landing');
  await page.goto('/sign-up');
  await screenshot(page, 'sign-up');

  const email = uniqueEmail('keys');
  await signUp(page, email);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await screenshot(page, 'flows');

  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByText('No keys yet')).toBeVisible();
  await page.getByLabel('Key name').fill('production backend');
  await page.getByRole('button', { name: 'Create key' }).click();

  const keyValue = page.getByTestId('new-key-value');
  await expect(keyValue).toHaveText(/^llmt_[0-9A-Za-z]{43}$/);
  const key = (await keyValue.textContent())!;
  const prefix = key.slice(0, 13);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  const row = page.locator(`[data-testid="key-row"][data-prefix="${prefix}"]`);
  await expect(row).toContainText('production backend');
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).toContainText('Never');
  await expect(row.getByTestId('key-status')).toHaveText('Active');
  await screenshot(page, 'keys-created');

  // Shown exactly once: a reload shows only the prefix, never the key.
  await page.reload();
  await expect(page.getByTestId('new-key')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(key);
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Calls with it will fail');
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row.getByTestId('key-status')).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await screenshot(page, 'keys-revoked');

  for (const section of ['Calls', 'Benchmarks', 'Models', 'Billing', 'Docs', 'Settings']) {
    await page.getByRole('link', { name: section, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
    await screenshot(page, section.toLowerCase());
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await page.goto('/keys');
  await page.waitForURL('**/sign-in');
  await screenshot(page, 'sign-in');

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('Wrong email or password.');

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/flows');
  await expect(page.getByTestId('user-email')).toHaveText(email);
});

test('sign-up refuses a duplicate email with a clear message', async ({ page }) => {
  const email = uniqueEmail('dup');
  await signUp(page, email);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');

  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('another password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('form-error')).toHaveText(`A user with email ${email} already exists.`);
});
