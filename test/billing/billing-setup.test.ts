// `npm run --silent llmtest -- billing setup` as an operator runs it (a child process), twice,
// against the fake Stripe: the product, meter and price are created once, found the second time,
// and their ids stored in the database. Self-hosted (no STRIPE_SECRET_KEY): a clear refusal.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClientFor } from './prisma-for-env';
import { closeEmbeddedDatabase } from '../../lib/db/client';
import { startFakeStripe, type FakeStripe } from '../fake-stripe/fake-stripe';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/test-database';

const run = promisify(execFile);

async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/llmtest.ts', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let fake: FakeStripe;
let database: TestDatabase;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase(testDatabaseKind());
  await closeEmbeddedDatabase(database.env); // the CLI is another process
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

describe('llmtest billing setup', () => {
  it('creates the Stripe objects once, however often it runs', async () => {
    const env = { ...database.env, ...fake.env };
    const first = await cli(env, 'billing', 'setup');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Product llmtest_pay_as_you_go \(created\)/);
    expect(first.stdout).toMatch(/Meter mtr_\w+, event_name llmtest_usage_micros \(created\)/);
    expect(first.stdout).toMatch(/Price price_\w+, metered.*\(created\)/);

    const second = await cli(env, 'billing', 'setup');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Product .*\(found\)/);
    expect(second.stdout).toMatch(/Meter .*\(found\)/);
    expect(second.stdout).toMatch(/Price .*\(found\)/);

    expect(fake.objects.products.size).toBe(1);
    expect(fake.objects.meters.size).toBe(1);
    expect(fake.objects.prices.size).toBe(1);
    const creates = fake.requests.filter((r) => r.method === 'POST');
    expect(creates.map((r) => r.path).sort()).toEqual(['/v1/billing/meters', '/v1/prices', '/v1/products']);
    // Each create carried an Idempotency-Key derived from the object's handle.
    expect(creates.every((r) => r.idempotencyKey?.startsWith('llmtest-setup-'))).toBe(true);
    const price = [...fake.objects.prices.values()][0]!;
    expect(price).toMatchObject({ currency: 'usd', unit_amount_decimal: '0.0001', lookup_key: 'llmtest_payg_llmtest_usage_micros' });
    expect(price.recurring).toMatchObject({ interval: 'month', usage_type: 'metered', meter: [...fake.objects.meters.keys()][0] });
    expect([...fake.objects.meters.values()][0]).toMatchObject({ default_aggregation: { formula: 'sum' }, value_settings: { event_payload_key: 'value' } });

    const { db, close } = await createPrismaClientFor(database.env);
    try {
      const stored = await db.billingStripeSetup.findUniqueOrThrow({ where: { id: 'default' } });
      expect(stored).toMatchObject({ productId: 'llmtest_pay_as_you_go', meterId: [...fake.objects.meters.keys()][0], priceId: price.id, meterEventName: 'llmtest_usage_micros' });
    } finally {
      await close();
    }
  });

  it('refuses clearly on a self-hosted instance', async () => {
    const env = { ...database.env };
    delete env.STRIPE_SECRET_KEY;
    const result = await cli(env, 'billing', 'setup');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('STRIPE_SECRET_KEY is not set');
  });
});
