// CPU time per answered request (user + system, from /proc) of A1 and one G under the same closed
// loop, a few interleaved rounds: the load-independent figure behind the throughput ratio.
//   node --import tsx bench/cpu-per-request.ts [--db off|pglite|postgres] [--stream] [--rounds 4]
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildRequest, ClientPool, closedLoop, sleep, type Target } from './lib/http-client';
import { cpuSeconds } from './lib/processes';
import { createPgDatabase, ensureBuild, startGateway, startPassthrough, startUpstream } from './lib/setup';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'off' }, stream: { type: 'boolean', default: false }, rounds: { type: 'string', default: '4' } } });

async function main(): Promise<void> {
  ensureBuild(console.log);
  const up = await startUpstream('0');
  const pg = values.db === 'postgres' ? await createPgDatabase() : null;
  const g = await startGateway('G', '1', { upstreamPort: up.port, port: 19_870, databaseUrl: pg?.url ?? null, callLog: values.db !== 'off' });
  const a1 = await startPassthrough('1', up.port);
  const subjects: Array<{ name: string; pid: number; t: Target }> = [
    { name: 'A1', pid: a1.child.pid, t: { name: 'A1', host: '127.0.0.1', port: a1.port, headers: {}, chatPath: '/openai/v1' } },
    { name: `G (${values.db})`, pid: g.child.pid, t: { name: 'G', host: '127.0.0.1', port: g.port, headers: { authorization: `Bearer ${g.key}` }, chatPath: '/v1' } },
  ];
  for (let round = 0; round <= Number(values.rounds); round++) {
    for (const s of subjects) {
      const pool = new ClientPool(s.t, 32);
      const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello there' }], ...(values.stream ? { stream: true } : {}) });
      const req = buildRequest(s.t, `${s.t.chatPath}/chat/completions`, body);
      const c0 = cpuSeconds(s.pid);
      let n = 0;
      if (values.stream) {
        const end = performance.now() + 4000;
        await Promise.all(
          Array.from({ length: 32 }, async (_, i) => {
            await sleep((i * 400) / 32);
            while (performance.now() < end) {
              await pool.request(req, { sse: true });
              n++;
            }
          }),
        );
      } else n = (await closedLoop(pool, req, 32, 4000)).completed;
      const cpu = cpuSeconds(s.pid) - c0;
      if (round > 0) console.log(`${s.name.padEnd(12)} ${String(n).padStart(6)} answers, ${((cpu * 1e6) / n).toFixed(0)} µs CPU each`); // round 0 warms up
      pool.close();
      await sleep(500);
    }
  }
  await g.child.stop();
  rmSync(g.dataDir, { recursive: true, force: true });
  await a1.child.stop();
  await up.child.stop();
  await pg?.drop();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
