// Child process for kill-recovery.test.ts: a gateway stand-in that logs calls at a steady rate
// into the database of its environment (DATABASE_URL or LLMTEST_DATA_DIR) until it is killed.
// Prints "enqueued <n>" every 20 ms so the parent knows what was handed to the writer.
//   node --import tsx test/call-log/kill-child.ts <spillDir> <userId> <callsPerSecond>
import { createCallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb } from '../../lib/db/client';
import { makeCallRecord } from './make-call-record';

async function main(): Promise<void> {
  const [spillDir, userId, rateText] = process.argv.slice(2);
  const rate = Number(rateText);
  const db = await getDb();
  const writer = createCallLogWriter({ sink: createPrismaCallLogSink(db), spillDir, maxBatch: 200, logger: { info() {}, warn() {}, error: (m) => console.error(m) } });
  const started = Date.now();
  let sent = 0;
  setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (sent < due) {
      sent += 1;
      writer.enqueue(makeCallRecord({ id: `kill-${String(sent).padStart(8, '0')}`, userId, flowName: `kill-${sent % 3}`, responseBody: 'r'.repeat(500) }));
    }
    process.stdout.write(`enqueued ${sent} written ${writer.stats().written} queued ${writer.stats().queued}\n`);
  }, 20);
}

void main();
