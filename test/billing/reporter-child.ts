// Child process for reporter-restart.test.ts: "the app" as far as billing goes. It logs calls of
// the given users through the real call-log writer (the outbox trigger bills them) and runs the
// real usage reporter against the Stripe of its environment (STRIPE_API_* → the fake), until it
// is killed. With callsPerUser 0 it only reports, and exits 0 once nothing is left to send.
//   node --import tsx test/billing/reporter-child.ts <tag> <callsPerUser> <userId>...
import { loadBillingConfig } from '../../lib/billing/billing-config';
import { createStripeClient } from '../../lib/billing/stripe-client';
import { createUsageReporter } from '../../lib/billing/usage-reporter';
import { createCallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb } from '../../lib/db/client';
import { makeCallRecord } from '../call-log/make-call-record';

const quiet = { info() {}, warn() {}, error() {} };

async function main(): Promise<void> {
  const [tag, callsText, ...userIds] = process.argv.slice(2);
  const callsPerUser = Number(callsText);
  const db = await getDb();
  const config = loadBillingConfig(process.env);
  const writer = createCallLogWriter({ sink: createPrismaCallLogSink(db), flushIntervalMs: 10, logger: quiet });
  const reporter = createUsageReporter({ db, stripe: createStripeClient(config.stripe!), config, logger: quiet, retryDelayMs: () => 20 });
  reporter.start();
  let enqueued = 0;
  const total = callsPerUser * userIds.length;
  const timer = setInterval(async () => {
    for (let i = 0; i < userIds.length && enqueued < total; i++) {
      enqueued += 1;
      writer.enqueue(makeCallRecord({ id: `${tag}-${String(enqueued).padStart(6, '0')}`, userId: userIds[i]!, costMicros: 1_000 + enqueued }));
    }
    const pending = (await db.usageReport.count({ where: { sentAt: null, failedAt: null } })) + (await db.usageOutbox.count({ where: { reportId: null } }));
    process.stdout.write(`enqueued ${enqueued} written ${writer.stats().written} sent ${reporter.stats().sent} pending ${pending}\n`);
    if (callsPerUser === 0 && pending === 0) {
      clearInterval(timer);
      await reporter.close();
      await writer.close();
      process.exit(0);
    }
  }, 25);
}

void main();
