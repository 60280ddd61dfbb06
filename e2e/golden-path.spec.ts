// The dashboard's golden path, as a customer lives it: sign up, create a key, send traffic with
// the official openai SDK (X-Flow: support-bot, and calls without a flow), then read the flows
// list, the flow page's charts and the attempt chain of a call that fell back. Every figure on
// screen is checked against what the SDK itself received (usage × the catalog's prices).
import { expect, test } from '@playwright/test';
import OpenAI from 'openai';
import { computeCost, getModel } from '../lib/catalog';
import { createKeyInUi, enqueueFakeRule, screenshot, signUp, uniqueEmail } from './helpers';

/** "$0.000140" (the exact title of a money cell) → 140 micro-dollars. */
function micros(text: string | null): number {
  const match = /^\$(\d+)\.(\d{6})$/.exec(text ?? '');
  if (!match) throw new Error(`not an exact money value: ${text}`);
  return Number(match[1]) * 1_000_000 + Number(match[2]);
}

function costOf(modelId: string, usage: OpenAI.CompletionUsage | undefined) {
  const model = getModel(modelId)!;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return computeCost(model, { inputTokens: usage!.prompt_tokens, outputTokens: usage!.completion_tokens, cachedInputTokens: cached }).costMicros;
}

test('sign up → key → SDK traffic → flows list, flow charts and a fallback’s attempt chain', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('golden'));
  const key = await createKeyInUi(page, 'golden path');
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: key, maxRetries: 0 });
  const expected = { 'support-bot': { calls: 0, cost: 0 }, unknown: { calls: 0, cost: 0 } };

  for (const content of ['Where is my order?', 'Cancel my subscription', 'Thanks!']) {
    const completion = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] },
      { headers: { 'X-Flow': 'support-bot' } },
    );
    expected['support-bot'].calls++;
    expected['support-bot'].cost += costOf('openai/gpt-4o-mini', completion.usage);
  }
  // A streamed call, usage requested, on another provider.
  const stream = await client.chat.completions.create(
    { model: 'anthropic/claude-sonnet-4', messages: [{ role: 'user', content: 'Summarise' }], stream: true, stream_options: { include_usage: true } },
    { headers: { 'X-Flow': 'support-bot' } },
  );
  let streamUsage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) if (chunk.usage) streamUsage = chunk.usage;
  expected['support-bot'].calls++;
  expected['support-bot'].cost += costOf('anthropic/claude-sonnet-4', streamUsage);

  // A call with no X-Flow whose primary fails twice (first try and retry): the next model serves.
  await enqueueFakeRule({ provider: 'openai', model: 'gpt-4o', times: 2, behaviour: { type: 'status', status: 503 } });
  const { data: fallback, response } = await client.chat.completions
    .create({ model: 'gpt-4o', models: ['gpt-4o', 'google/gemini-2.5-flash'], messages: [{ role: 'user', content: 'Hi' }] } as never)
    .withResponse();
  expect(response.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-flash');
  const fallbackId = response.headers.get('x-llmtest-request-id')!;
  expected.unknown.calls++;
  expected.unknown.cost += costOf('google/gemini-2.5-flash', (fallback as OpenAI.ChatCompletion).usage);

  // The flows list (the home after sign-in). The log is written in batches: poll briefly.
  const row = (flow: string) => page.locator(`[data-testid="flow-row"][data-flow="${flow}"]`);
  await expect
    .poll(async () => {
      await page.goto('/flows?range=24h');
      // allTextContents() does not wait for a row that is not there yet: the next poll reloads.
      return [...(await row('support-bot').getByTestId('flow-calls').allTextContents()), ...(await row('unknown').getByTestId('flow-calls').allTextContents())];
    })
    .toEqual([String(expected['support-bot'].calls), String(expected.unknown.calls)]);
  for (const flow of ['support-bot', 'unknown'] as const) {
    expect(micros(await row(flow).getByTestId('flow-spend').getAttribute('title'))).toBe(expected[flow].cost);
  }
  expect(micros(await page.getByTestId('total-spend').getAttribute('title'))).toBe(expected['support-bot'].cost + expected.unknown.cost);
  await expect(page.getByTestId('total-calls')).toContainText('5');
  await screenshot(page, 'flows-list');

  // The flow page: every chart is an SVG; those with non-zero data have it drawn (support-bot had
  // no errors or fallbacks, so that chart's bars are all zero-height).
  await row('support-bot').getByTestId('flow-link').click();
  await page.waitForURL('**/flows/support-bot**');
  for (const chart of ['chart-cost', 'chart-calls', 'chart-latency', 'chart-errors', 'chart-model-mix']) {
    await expect(page.getByTestId(chart).locator('svg.recharts-surface').first()).toBeVisible();
    if (chart === 'chart-errors') continue;
    await expect(page.getByTestId(chart).locator('.recharts-line-curve, .recharts-bar-rectangle, .recharts-area-area, .recharts-rectangle').first()).toBeAttached();
  }
  await expect(page.locator('[data-testid="model-cost-row"][data-model="openai/gpt-4o-mini"]')).toBeVisible();
  await expect(page.locator('[data-testid="model-cost-row"][data-model="anthropic/claude-sonnet-4"]')).toBeVisible();
  await expect(page.getByTestId('recent-call')).toHaveCount(4);
  await screenshot(page, 'flow-page');

  // The call that fell back: its attempt chain.
  await page.goto(`/calls/${fallbackId}`);
  const attempts = page.getByTestId('call-attempt');
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(0)).toHaveAttribute('data-status', '503');
  await expect(attempts.nth(2)).toHaveAttribute('data-model', 'google/gemini-2.5-flash');
  await expect(attempts.nth(2)).toHaveAttribute('data-reason', 'ok');
  await screenshot(page, 'call-fallback');
});
