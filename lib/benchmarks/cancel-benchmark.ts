// Cancelling: the row is marked first (so every instance's runner sees it at its next heartbeat
// and no new call starts after a restart), then the caller stops this process's run at once
// (runner.cancel). Results already written are kept.
import type { Db } from '../db/client';
import { BenchmarkNotFoundError } from './create-benchmark';

/** True when it was queued or running; false when it had already ended. Another user's id: 404. */
export async function cancelBenchmark(db: Db, userId: string, id: string): Promise<boolean> {
  const updated = await db.benchmark.updateMany({
    where: { id, userId, status: { in: ['queued', 'running'] } },
    data: { status: 'cancelled', stopReason: 'Cancelled.', finishedAt: new Date() },
  });
  if (updated.count > 0) return true;
  if (!(await db.benchmark.findFirst({ where: { id, userId }, select: { id: true } }))) throw new BenchmarkNotFoundError();
  return false;
}
