// Flow settings from the dashboard: the override replaces the primary, the chain comes next.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlowSettings } from '../../lib/gateway/index';
import { type Harness, startHarness, userMessage } from './harness';

const flows = new Map<string, FlowSettings>([
  ['cheap', { modelOverride: 'openai/gpt-4o-mini', fallbackChain: [] }],
  ['claude-backup', { modelOverride: null, fallbackChain: ['anthropic/claude-sonnet-4'] }],
]);
const lookups: string[] = [];
const touched: string[] = [];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    deps: {
      getFlowSettings: async (userId, flowName) => {
        lookups.push(`${userId}/${flowName}`);
        return flows.get(flowName) ?? null;
      },
      touchApiKey: (keyId) => {
        touched.push(keyId);
      },
    },
  });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.records.length = 0;
});

describe('flows', () => {
  it('the flow override replaces the requested model (not a fallback)', async () => {
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { headers: { 'X-Flow': 'cheap' } }).withResponse();
    expect(data.model).toBe('openai/gpt-4o-mini');
    expect(response.headers.get('x-llmtest-fallback-model')).toBeNull();
    expect(h.fake.requests.at(-1)!.model).toBe('gpt-4o-mini');
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ flowName: 'cheap', requestedModel: 'gpt-4o', servedModel: 'openai/gpt-4o-mini' });
  });

  it("the flow's chain comes before the catalog default chain", async () => {
    h.fake.enqueue({ provider: 'openai', times: Number.POSITIVE_INFINITY, behaviour: { type: 'status', status: 500 } });
    const { data } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { headers: { 'X-Flow': 'claude-backup' } }).withResponse();
    expect(data.model).toBe('anthropic/claude-sonnet-4');
  });

  it('looks flow settings up once per TTL and touches the key at most once a minute', async () => {
    const before = lookups.filter((l) => l === 'user_1/cheap').length;
    await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { headers: { 'X-Flow': 'cheap' } });
    expect(lookups.filter((l) => l === 'user_1/cheap').length).toBe(before);
    expect(touched).toEqual([h.keyId]);
  });
});
