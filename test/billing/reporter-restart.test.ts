// kill -9 of "the app" while meter events are in flight, then a restart: every call in the call
// log reaches the (fake) Stripe exactly once, with half of the meter-event requests failing
// throughout (alternately before and after Stripe processed them) and every answer delayed so
// the kill lands between Stripe accepting an event and the app recording it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingSetup } from '../../lib/billing/billing-setup';
import { billedMicros } from '../../lib/billing/money';
import { createStripeClient } from '../../lib/billing/stripe-client';
import { closeEmbeddedDatabase } from '../../lib/db/client';
import { startFakeStripe, type FakeStripe } from '../fake-stripe/fake-stripe';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/test-database';
import { fakeStripeConfig } from './billing-fixtures';
import { createPrismaClientFor } from './prisma-for-env';

let fake: FakeStripe;
let database: TestDatabase;
const users: string[] = [];
const customers = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase(testDatabaseKind());
  const { db, close } = await createPrismaClientFor(database.env);
  try {
    for (let i = 0; i < 6; i++) {
      const user = await db.user.create({ data: { email: `restart-${i}@example.com` } });
      const customer = `cus_restart${i}`;
      await db.billingAccount.create({ data: { userId: user.id, stripeCustomerId: customer, stripeSubscriptionId: `sub_restart${i}`, subscriptionStatus: 'active' } });
      users.push(user.id);
      customers.set(customer, user.id);
    }
    const config = fakeStripeConfig(fake);
    await billingSetup(db, createStripeClient(config.stripe!), config);
  } finally {
    await close();
  }
  await closeEmbeddedDatabase(database.env); // the children own the database while they run
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

/** The child's stdout (progress lines), kept for debugging a failure. */
function startChild(tag: string, callsPerUser: number): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const env = { ...database.env, ...fake.env, LLMTEST_USAGE_REPORT_INTERVAL_MS: '30' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'reporter-child.ts'), tag, String(callsPerUser), ...users], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('usage reporting across kill -9', () => {
  it('reaches Stripe exactly once in total', async () => {
    fake.failEvery(2, 'alternate', '/v1/billing/meter_events');
    fake.responseDelayMs = 40;
    const accepted = () => fake.meterEvents.length;

    const first = startChild('a', 40);
    // Killed the moment Stripe accepted the 6th event, before its answer leaves (calls are still
    // arriving): the worst moment, Stripe has it and the app has not recorded it.
    let acceptedAtKill: string | null = null;
    fake.onMeterEvent = (event) => {
      if (accepted() >= 6 && !acceptedAtKill) {
        acceptedAtKill = event.identifier;
        first.child.kill('SIGKILL');
      }
    };
    await waitUntil(() => acceptedAtKill !== null, 60_000, 'the first meter events');
    await first.exited;
    fake.onMeterEvent = null;
    const inFlightAtKill = fake.requests.filter((r) => r.path === '/v1/billing/meter_events').length;
    {
      const { db, close } = await createPrismaClientFor(database.env);
      try {
        const report = await db.usageReport.findUniqueOrThrow({ where: { id: acceptedAtKill! } });
        expect(report.sentAt).toBeNull(); // accepted by Stripe, unknown to the app
      } finally {
        await close();
      }
      await closeEmbeddedDatabase(database.env);
    }

    const second = startChild('b', 0);
    const code = await Promise.race([second.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
    if (code === 'timeout') second.child.kill('SIGKILL');
    expect(code).toBe(0);
    fake.responseDelayMs = 0;
    fake.failEvery(0);

    const { db, close } = await createPrismaClientFor(database.env);
    try {
      const calls = await db.callLog.count();
      expect(calls).toBeGreaterThan(0);
      const [{ cost }] = await db.$queryRawUnsafe<{ cost: string }[]>(`SELECT sum("costMicros")::text AS cost FROM "CallLog"`);
      const reports = await db.usageReport.findMany();
      expect(reports.every((r) => r.sentAt !== null)).toBe(true);
      expect(reports.reduce((s, r) => s + r.costMicros, 0n)).toBe(BigInt(cost));
      // Stripe saw each report once, with the right customer and value.
      const byIdentifier = new Map(fake.meterEvents.map((e) => [e.identifier, e]));
      expect(byIdentifier.size).toBe(fake.meterEvents.length);
      expect(fake.meterEvents.length).toBe(reports.length);
      for (const report of reports) {
        const event = byIdentifier.get(report.id);
        expect(event, report.id).toBeDefined();
        expect(event!.value).toBe(billedMicros(report.costMicros, 500));
        expect(customers.get(event!.customer)).toBe(report.userId);
      }
      const requests = fake.requests.filter((r) => r.path === '/v1/billing/meter_events');
      expect(requests.length).toBeGreaterThan(fake.meterEvents.length); // failures and resends happened
      expect(requests.length).toBeGreaterThan(inFlightAtKill);
    } finally {
      await close();
    }
  }, 180_000);
});
