// Profiles one gateway under load: starts the bench upstream and G (node --cpu-prof), drives it
// for --seconds with a closed loop, stops it and prints the profile of the load window only.
//   node --import tsx bench/profile.ts [--db pglite|postgres|off] [--seconds 15] [--stream] [--connections 64]
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildRequest, ClientPool, closedLoop, openLoop, sleep } from './lib/http-client';
import { percentile } from './lib/stats';
import { createPgDatabase, ensureBuild, ROOT, startGateway, startUpstream } from './lib/setup';
import { summarise } from './profile-summary';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, seconds: { type: 'string', default: '15' }, stream: { type: 'boolean', default: false }, connections: { type: 'string', default: '64' }, rate: { type: 'string' }, top: { type: 'string', default: '35' } } });
mkdirSync(path.join(ROOT, 'bench/tmp'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, 'bench/tmp/prof-'));

async function main() {
  ensureBuild(console.log);
  const up = await startUpstream('0'); // off the profiled core: its wake-ups would show as G's writev
  const pg = values.db === 'postgres' ? await createPgDatabase() : null;
  const spawnedAt = performance.now();
  const g = await startGateway('G', '1', { upstreamPort: up.port, port: 19_990, databaseUrl: pg?.url ?? null, callLog: values.db !== 'off', cpuProf: dir });
  const target = { name: 'G', host: '127.0.0.1', port: g.port, headers: { authorization: `Bearer ${g.key}` }, chatPath: '/v1' };
  const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello in one sentence, please.' }], ...(values.stream ? { stream: true } : {}) });
  const req = buildRequest(target, '/v1/chat/completions', body);
  const connections = Number(values.connections);
  const pool = new ClientPool(target, connections);
  const load = async (ms: number) => {
    if (values.rate) {
      // Open loop at a fixed rate: shows what stalls the event loop below saturation.
      const r = await openLoop(pool, req, Number(values.rate), ms);
      console.log(`open loop ${values.rate}/s: p50 ${percentile(r.latencies, 50).toFixed(2)} ms, p99 ${percentile(r.latencies, 99).toFixed(2)} ms, max ${percentile(r.latencies, 100).toFixed(1)} ms`);
      return { completed: r.latencies.length, errors: r.errors, seconds: r.seconds, latencies: r.latencies };
    }
    if (!values.stream) return closedLoop(pool, req, connections, ms);
    const end = performance.now() + ms;
    let completed = 0;
    await Promise.all(Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        await pool.request(req, { sse: true });
        completed++;
      }
    }));
    return { completed, errors: 0, seconds: ms / 1000, latencies: [] };
  };
  await load(3000); // warm-up
  await sleep(500);
  const from = (performance.now() - spawnedAt) / 1000;
  const res = await load(Number(values.seconds) * 1000);
  const to = (performance.now() - spawnedAt) / 1000;
  console.log(`load: ${res.completed} answers in ${res.seconds.toFixed(1)} s = ${(res.completed / res.seconds).toFixed(0)}/s, errors ${res.errors}; window ${from.toFixed(1)}–${to.toFixed(1)} s`);
  pool.close();
  await g.child.stop('SIGTERM', 60_000);
  rmSync(g.dataDir, { recursive: true, force: true });
  await up.child.stop();
  await pg?.drop();
  const files = readdirSync(path.join(dir, 'G')).map((f) => path.join(dir, 'G', f)).sort((a, b) => statSync(b).size - statSync(a).size);
  // The profile starts a little after the spawn: the window is slightly late, which only trims its end.
  console.log(summarise(files[0]!, { fromS: from, toS: to, top: Number(values.top) }));
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
