// The gateway as a customer uses it: a key made in the dashboard, the official openai SDK against
// the running app (the production server, fake upstream providers behind it).
import { expect, test } from '@playwright/test';
import OpenAI from 'openai';
import { createKeyInUi, enqueueFakeRule, signUp, uniqueEmail } from './helpers';

test('a dashboard key works with the openai SDK: calls, streams, fallback headers, and revocation at once', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('gateway'));
  const key = await createKeyInUi(page, 'sdk');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });

  const { data: completion, response } = await client.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }, { headers: { 'X-Flow': 'support-bot' } })
    .withResponse();
  expect(completion.object).toBe('chat.completion');
  expect(completion.choices[0].message.content?.length).toBeGreaterThan(0);
  expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  expect(response.headers.get('x-llmtest-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers.get('x-llmtest-fallback-model')).toBeNull();

  const stream = await client.chat.completions.create({
    model: 'anthropic/claude-sonnet-4',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  expect(text.length).toBeGreaterThan(0);
  expect(usage?.completion_tokens).toBeGreaterThan(0);

  // The primary fails with a 500 twice (first try and its retry): the next model serves.
  await enqueueFakeRule({ provider: 'openai', model: 'gpt-4o', times: 2, behaviour: { type: 'status', status: 500 } });
  const { data: fallback, response: fallbackResponse } = await client.chat.completions
    .create({ model: 'gpt-4o', models: ['gpt-4o', 'anthropic/claude-sonnet-4'], messages: [{ role: 'user', content: 'Hi' }] } as never, {
      headers: { 'X-Flow': 'support-bot' },
    })
    .withResponse();
  expect(fallbackResponse.headers.get('x-llmtest-fallback-model')).toBe('anthropic/claude-sonnet-4');
  expect(fallbackResponse.headers.get('x-llmtest-content-fallback')).toBe('false');
  expect((fallback as OpenAI.ChatCompletion).model).toBe('anthropic/claude-sonnet-4');

  await expect(client.chat.completions.create({ model: 'gpt-4-o', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({
    status: 404,
    error: expect.objectContaining({ message: expect.stringContaining('gpt-4o') }),
  });

  const models = await client.models.list();
  expect(models.data.length).toBeGreaterThanOrEqual(340);

  // Revoked in the dashboard: refused on the very next call (same instance: no cache delay).
  await page.goto('/keys');
  const row = page.locator(`[data-testid="key-row"][data-prefix="${key.slice(0, 13)}"]`);
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row.getByTestId('key-status')).toContainText('Revoked');
  await expect(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401 });
});
