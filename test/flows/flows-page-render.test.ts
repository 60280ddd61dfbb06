// What the flows list shows, as HTML: the query results through the real table component and
// formatters, for calls with known costs and latencies.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FlowsEmptyState } from '../../components/flows/flows-empty-state';
import { FlowsTable } from '../../components/flows/flows-table';
import { averageMicros, formatMicros, formatRate } from '../../components/flows/format-figures';
import { gatewayBaseUrl } from '../../components/docs/base-url';
import { getDb } from '../../lib/db/client';
import { listFlowSummaries } from '../../lib/queries/flows/list-flow-summaries';
import { useTestDatabase } from '../helpers/test-database';
import { createUserWithFlows, insertCalls, seedCall } from './seed-calls';

useTestDatabase();

function cell(html: string, flow: string, testId: string): string {
  const row = html.match(new RegExp(`<tr[^>]*data-testid="flow-row"[^>]*data-flow="${flow}"[^>]*>([\\s\\S]*?)</tr>`))?.[1] ?? '';
  const match = row.match(new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</td>`));
  return (match?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('formatters', () => {
  it('write money from integer micros without floats', () => {
    expect(formatMicros(0n)).toBe('$0.00');
    expect(formatMicros(123n)).toBe('$0.000123');
    expect(formatMicros(500_000n)).toBe('$0.50');
    expect(formatMicros(999_999n)).toBe('$0.999999');
    expect(formatMicros(1_000_000n)).toBe('$1.00');
    expect(formatMicros(1_234_565_000n)).toBe('$1,234.57');
    expect(formatMicros(9_007_199_254_740_993_123n)).toBe('$9,007,199,254,740.99');
    expect(averageMicros(10n, 4)).toBe(3n); // 2.5 rounds half up
    expect(averageMicros(10n, 0)).toBeNull();
    expect(formatRate(1, 3)).toBe('33 %');
    expect(formatRate(1, 2000)).toBe('<0.1 %');
    expect(formatRate(3, 40)).toBe('7.5 %');
  });
});

describe('flows list HTML', () => {
  it('shows the figures of the call log', async () => {
    const db = await getDb();
    const user = await createUserWithFlows(db, 'render@example.com', ['support-bot', 'unknown']);
    const t = Date.parse('2026-02-01T10:00:00Z');
    const calls = [
      ...[100, 200, 300, 400].map((latencyMs, i) =>
        seedCall({ userId: user.userId, flowId: user.flows['support-bot'], createdAt: new Date(t + i * 60_000), latencyMs, costMicros: 123n, status: i === 3 ? 'error' : 'ok', fellBack: i === 0 }),
      ),
      seedCall({ userId: user.userId, flowId: user.flows.unknown, createdAt: new Date(t), costMicros: 2_500_000n, latencyMs: 50 }),
    ];
    await insertCalls(db, calls);
    const { flows } = await listFlowSummaries(db, user.userId, { from: new Date(t - 3_600_000), to: new Date(t + 3_600_000) });
    const html = renderToStaticMarkup(createElement(FlowsTable, { flows, sort: { key: 'calls', direction: 'desc' }, query: { range: '24h' } }));
    expect(cell(html, 'support-bot', 'flow-calls')).toBe('4');
    expect(cell(html, 'support-bot', 'flow-spend')).toBe('$0.000492');
    expect(cell(html, 'support-bot', 'flow-avg-cost')).toBe('$0.000123');
    expect(cell(html, 'support-bot', 'flow-p50')).toBe('200 ms');
    expect(cell(html, 'support-bot', 'flow-p95')).toBe('400 ms');
    expect(cell(html, 'support-bot', 'flow-error-rate')).toBe('25 %');
    expect(cell(html, 'support-bot', 'flow-fallback-rate')).toBe('25 %');
    expect(cell(html, 'support-bot', 'flow-top-models')).toBe('gpt-4o-mini (4)');
    expect(cell(html, 'unknown', 'flow-calls')).toBe('1');
    expect(cell(html, 'unknown', 'flow-spend')).toBe('$2.50');
    expect(html).toContain('href="/flows/support-bot?range=24h"');
  });

  it('empty state: base URL from the request and snippets with X-Flow', () => {
    const baseUrl = gatewayBaseUrl(new Headers({ host: 'internal:3000', 'x-forwarded-host': 'llm.example.com', 'x-forwarded-proto': 'https' }));
    expect(baseUrl).toBe('https://llm.example.com/v1');
    expect(gatewayBaseUrl(new Headers({ host: 'localhost:3000' }))).toBe('http://localhost:3000/v1');
    const html = renderToStaticMarkup(createElement(FlowsEmptyState, { baseUrl }));
    expect(html).toContain('No flows yet');
    expect(html).toContain('href="/keys"');
    for (const id of ['curl', 'javascript', 'python']) expect(html).toContain(`data-testid="quickstart-${id}"`);
    expect(html.match(/X-Flow: support-bot|&#x27;X-Flow&#x27;: &#x27;support-bot&#x27;|&quot;X-Flow&quot;: &quot;support-bot&quot;/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
