// kill -9 under load, then restart: the log is consistent (no half-written batch, no duplicate)
// and what is lost is bounded by what the writer held in memory (README.md, "kill -9").
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { closeEmbeddedDatabase, createAdapterFactory } from '../../lib/db/client';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { createTestDatabase } from '../helpers/test-database';

const RATE = 4_000; // calls/s offered by the child
const HARD_BOUND = 40_000; // 2 × the writer's default maxQueue: the documented worst case

async function connect(env: NodeJS.ProcessEnv) {
  const { factory, close } = await createAdapterFactory(env);
  const db = new PrismaClient({ adapter: factory });
  return { db, close: async () => { await db.$disconnect(); await close(); } };
}

describe.each(['pglite', 'postgres'] as const)('kill -9 under load on %s', (kind) => {
  it('restart replays, the log is consistent and the loss bounded', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase(kind);
    const spillDir = mkdtempSync(path.join(tmpdir(), 'llmtest-kill-'));
    try {
      let conn = await connect(database.env);
      const userId = (await conn.db.user.create({ data: { email: `kill-${kind}@example.com` } })).id;
      await conn.close();
      if (kind === 'pglite') await closeEmbeddedDatabase(database.env); // one process per data dir

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'kill-child.ts'), spillDir, userId, String(RATE)], {
        env: database.env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let enqueued = 0;
      let written = 0;
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const match = /^enqueued (\d+) written (\d+)/.exec(line);
          if (match) [enqueued, written] = [Number(match[1]), Number(match[2])];
        }
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const deadline = Date.now() + 60_000;
      while (written < 8_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(written).toBeGreaterThanOrEqual(8_000);
      child.kill('SIGKILL');
      await exited;
      // Every record up to `enqueued` had been handed to the writer; a few more may have been.

      conn = await connect(database.env);
      const writer = createCallLogWriter({ sink: createPrismaCallLogSink(conn.db), spillDir, logger: { info() {}, warn() {}, error() {} } });
      await new Promise((r) => setTimeout(r, 200)); // let the restart replay leftover spill files
      await writer.close();
      const rows = await conn.db.callLog.count({ where: { userId } });
      const torn = await conn.db.callLog.count({ where: { userId, NOT: { responseBody: 'r'.repeat(500) } } });
      const maxId = await conn.db.callLog.findFirst({ where: { userId }, orderBy: { id: 'desc' }, select: { id: true } });
      const highest = Number(maxId!.id.slice('kill-'.length));
      const flows = await conn.db.flow.count({ where: { userId } });
      await conn.close();

      const lost = Math.max(enqueued, highest) - rows;
      console.info(`[${kind}] kill -9 after ${enqueued} enqueued: ${rows} rows, lost ${lost} (highest id ${highest})`);
      expect(torn).toBe(0);
      expect(flows).toBe(3);
      // With one write at a time, the rows are exactly the records 1..highest: nothing missing
      // in the middle (a half batch would leave a gap), nothing duplicated (primary key).
      expect(rows).toBe(highest);
      expect(lost).toBeGreaterThanOrEqual(0);
      expect(lost).toBeLessThanOrEqual(HARD_BOUND);
    } finally {
      await database.drop();
      rmSync(spillDir, { recursive: true, force: true });
    }
  });
});
