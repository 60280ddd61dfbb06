// `npm run bench`: the gateway's overhead, as ratios against references measured in the same run,
// interleaved (see bench/README.md). Writes bench/results/<date>.json, <date>.md and latest.md.
//
//   node --import tsx bench/run.ts [--quick] [--soak-seconds 300] [--no-postgres] [--no-peer]
//                                  [--install-peer] [--cases sequential,sweep,...] [--label name]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chunkText, STREAM_EVENTS, STREAM_GAP_MS } from './upstream';
import { buildRequest, ClientPool, closedLoop, openLoop, sequential, sleep, type Target } from './lib/http-client';
import { type Child, cpuSeconds, rssMb, rssSampler } from './lib/processes';
import { createPgDatabase, ensureBuild, NODE, PEER_PACKAGE, ROOT, startGateway, startPassthrough, startPeer, startUpstream, type GatewayInstance } from './lib/setup';
import { median, percentile, round } from './lib/stats';
import { renderMarkdown } from './report';

const ALL_CASES = ['sequential', 'throughput', 'sweep', 'streaming', 'crossformat', 'fallback', 'payload', 'ingestion', 'soak'] as const;
type CaseName = (typeof ALL_CASES)[number];

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string' },
    'no-postgres': { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    'install-peer': { type: 'boolean', default: true },
    cases: { type: 'string' },
    label: { type: 'string' },
    'load-core': { type: 'string', default: '0' },
    'server-core': { type: 'string', default: '1' },
    /** The upstream is the fixture, not a subject: by default beside the load generator, so the
     * servers' core runs only the subject under test (on the server core its CPU and wake-ups
     * would be charged to every proxy alike and flatter the ratios). */
    'upstream-core': { type: 'string' },
    /** Profiles every G process (node --cpu-prof) into bench/tmp/prof/. */
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const QUICK = opts.quick!;
const CASES = new Set<CaseName>((opts.cases?.split(',') as CaseName[] | undefined) ?? [...ALL_CASES]);
const LOAD_CORE = opts['load-core']!;
const SERVER_CORE = opts['server-core']!;
const SOAK_SECONDS = Number(opts['soak-seconds'] ?? (QUICK ? 20 : 300));

const plan = QUICK
  ? { warmup: 300, seqRounds: 5, seqN: 100, seq60Rounds: 3, seq60N: 5, sweepRates: [500, 2000, 4000, 6000], sweepSeconds: 2, sweepPasses: 1, satRounds: 1, satSeconds: 3, streamWaves: { 1: 2, 64: 2, 256: 2 }, streamRounds: 1, payloadRounds: 3, payloadN: 20, fallbackRounds: 3, fallbackN: 10, ingestRecords: 20_000 }
  : { warmup: 2000, seqRounds: 15, seqN: 200, seq60Rounds: 8, seq60N: 12, sweepRates: [250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 10000, 12000], sweepSeconds: 3, sweepPasses: 2, satRounds: 3, satSeconds: 5, streamWaves: { 1: 6, 64: 5, 256: 5 }, streamRounds: 2, payloadRounds: 8, payloadN: 40, fallbackRounds: 8, fallbackN: 25, ingestRecords: 100_000 };

const startedAt = new Date();
const log = (line: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const t0 = performance.now();

// ---------------------------------------------------------------------------------------------
// Bodies
const prompt = (bytes: number) => 'Summarise the following text in one sentence. ' + 'lorem ipsum dolor sit amet '.repeat(Math.max(1, Math.ceil(bytes / 27))).slice(0, Math.max(0, bytes - 48));
const chatBody = (model: string, options: { stream?: boolean; promptBytes?: number; extra?: Record<string, unknown> } = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: prompt(options.promptBytes ?? 120) }], ...(options.stream ? { stream: true } : {}), ...options.extra });
const anthropicBody = (stream: boolean) =>
  JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 1024, messages: [{ role: 'user', content: prompt(120) }], ...(stream ? { stream: true } : {}) });

// ---------------------------------------------------------------------------------------------
interface Subject {
  name: string;
  kind: 'A0' | 'A1' | 'G' | 'peer';
  target: Target;
  pid: number | null;
  gateway?: GatewayInstance;
  /** Responses seen from this subject (G: should equal the call-log rows). */
  answered: number;
}

const results: Record<string, unknown> = {};
const notes: string[] = [];
const children: Child[] = [];
let pgDrop: (() => Promise<void>) | null = null;
const state: { machine?: Record<string, unknown>; pinned: boolean; subjects: Subject[]; peerNote: string } = { pinned: false, subjects: [], peerNote: '' };

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function setUpstreamLatency(port: number, latencyMs: number): Promise<void> {
  const pool = new ClientPool({ name: 'ctl', host: '127.0.0.1', port, headers: {}, chatPath: '' }, 1);
  await pool.request(buildRequest(pool.target, '/__bench/config', JSON.stringify({ latencyMs })));
  pool.close();
}

function chatPath(s: Subject): string {
  return `${s.target.chatPath}/chat/completions`;
}

async function main(): Promise<void> {
  // The load generator (this process) on one core, every server on the other.
  const pin = spawnSync('taskset', ['-a', '-p', '-c', LOAD_CORE, String(process.pid)], { encoding: 'utf8' });
  const pinned = pin.status === 0;
  if (!pinned) notes.push(`taskset failed (${pin.stderr.trim()}): processes not pinned`);
  const serverCores = pinned ? SERVER_CORE : null;
  log(`bench ${QUICK ? '(quick) ' : ''}on ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; cases: ${[...CASES].join(', ')}`);
  ensureBuild(log);

  const upstreamCores = pinned ? (opts['upstream-core'] ?? LOAD_CORE) : null;
  const up = await startUpstream(upstreamCores);
  children.push(up.child);
  const a1 = await startPassthrough(serverCores, up.port);
  children.push(a1.child);
  log(`upstream A0 :${up.port}, pass-through A1 :${a1.port}`);

  const gatewaySpecs: Array<{ name: string; db: 'pglite' | 'postgres'; callLog: boolean }> = [
    { name: 'G', db: 'pglite', callLog: true },
    ...(opts['no-postgres'] ? [] : [{ name: 'G-pg', db: 'postgres' as const, callLog: true }]),
    { name: 'G-nolog', db: 'pglite', callLog: false },
  ];
  const basePort = 19_000 + Math.floor(Math.random() * 500) * 10;
  const gateways: GatewayInstance[] = [];
  let portIndex = 0;
  for (const spec of gatewaySpecs) {
    let databaseUrl: string | null = null;
    if (spec.db === 'postgres') {
      try {
        const pg = await createPgDatabase();
        databaseUrl = pg.url;
        pgDrop = pg.drop;
      } catch (error) {
        notes.push(`PostgreSQL pass skipped: ${(error as Error).message}`);
        continue;
      }
    }
    const started = performance.now();
    const g = await startGateway(spec.name, serverCores, { upstreamPort: up.port, port: basePort + portIndex++, databaseUrl, callLog: spec.callLog, cpuProf: opts['cpu-prof'] ? path.join(ROOT, 'bench/tmp/prof') : undefined });
    children.push(g.child);
    dataDirs.push(g.dataDir);
    gateways.push(g);
    log(`${spec.name} (${spec.db}, call log ${spec.callLog ? 'on' : 'off'}) ready on :${g.port} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const subjects: Subject[] = [
    { name: 'A0', kind: 'A0', target: { name: 'A0', host: '127.0.0.1', port: up.port, headers: {}, chatPath: '/openai/v1' }, pid: up.child.pid, answered: 0 },
    { name: 'A1', kind: 'A1', target: { name: 'A1', host: '127.0.0.1', port: a1.port, headers: {}, chatPath: '/openai/v1' }, pid: a1.child.pid, answered: 0 },
    ...gateways.map(
      (g): Subject => ({ name: g.name, kind: 'G', target: { name: g.name, host: '127.0.0.1', port: g.port, headers: { authorization: `Bearer ${g.key}` }, chatPath: '/v1' }, pid: g.child.pid, gateway: g, answered: 0 }),
    ),
  ];
  let peerNote = 'not run (--no-peer)';
  if (!opts['no-peer']) {
    const peer = await startPeer(serverCores, basePort + 9, opts['install-peer']!, log);
    if ('skipped' in peer) {
      peerNote = peer.skipped;
      notes.push(`Peer skipped: ${peer.skipped}`);
    } else {
      children.push(peer.child);
      peerNote = `${PEER_PACKAGE}, started headless with NODE_ENV=production`;
      subjects.push({
        name: 'Portkey',
        kind: 'peer',
        target: { name: 'Portkey', host: '127.0.0.1', port: peer.port, headers: { authorization: 'Bearer sk-bench-openai', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${up.port}/openai/v1` }, chatPath: '/v1' },
        pid: peer.child.pid,
        answered: 0,
      });
    }
  }
  const G = subjects.find((s) => s.name === 'G')!;
  const gSubjects = subjects.filter((s) => s.kind === 'G');
  const nonStreaming = subjects;
  const streamingSubjects = subjects.filter((s) => s.kind !== 'peer'); // Portkey's streaming fails on Node 20

  // Idle memory: after start, before any traffic.
  const idleRss: Record<string, number | null> = {};
  for (const s of subjects) if (s.pid) idleRss[s.name] = round(rssMb(s.pid), 1);

  // Warm-up: JIT, connection pools, key cache, Next's lazy bits.
  log('warm-up');
  for (const s of subjects) {
    const pool = new ClientPool(s.target, 16);
    const body = buildRequest(s.target, chatPath(s), chatBody('gpt-4o'));
    const stream = buildRequest(s.target, chatPath(s), chatBody('gpt-4o', { stream: true }));
    const r = await closedLoop(pool, body, 8, QUICK ? 1500 : 4000);
    s.answered += r.completed + r.errors;
    if (r.errors) notes.push(`warm-up: ${s.name} answered ${r.errors} errors`);
    if (s.kind !== 'peer') {
      const streams = await Promise.all(Array.from({ length: 8 }, () => pool.request(stream, { sse: true }).catch(() => null)));
      s.answered += streams.length;
    }
    pool.close();
  }
  const warmRss: Record<string, number | null> = {};
  for (const s of subjects) if (s.pid) warmRss[s.name] = round(rssMb(s.pid), 1);

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
  };
  Object.assign(state, { machine, pinned, subjects, peerNote });

  // -------------------------------------------------------------------------------------------
  // 1. Sequential overhead: one request at a time, rounds interleaved.
  if (CASES.has('sequential')) {
    const out: Record<string, unknown> = {};
    for (const latencyMs of [0, 60]) {
      await setUpstreamLatency(up.port, latencyMs);
      const rounds = latencyMs ? plan.seq60Rounds : plan.seqRounds;
      const n = latencyMs ? plan.seq60N : plan.seqN;
      log(`sequential, upstream ${latencyMs} ms: ${rounds} rounds × ${n} requests × ${nonStreaming.length} subjects`);
      const perRound: Record<string, { p50: number[]; p99: number[]; errors: number }> = {};
      const pools = new Map(nonStreaming.map((s) => [s.name, new ClientPool(s.target, 1)]));
      for (let r = 0; r < rounds; r++) {
        for (const s of rotate(nonStreaming, r)) {
          const req = buildRequest(s.target, chatPath(s), chatBody('gpt-4o'));
          const res = await sequential(pools.get(s.name)!, req, n);
          s.answered += res.latencies.length + res.errors;
          const entry = (perRound[s.name] ??= { p50: [], p99: [], errors: 0 });
          entry.p50.push(median(res.latencies));
          entry.p99.push(percentile(res.latencies, 99));
          entry.errors += res.errors;
          if (s.kind === 'G') await sleep(80); // its call-log batch is written before the next subject runs
        }
      }
      for (const pool of pools.values()) pool.close();
      out[`upstream${latencyMs}ms`] = summariseRounds(perRound);
    }
    await setUpstreamLatency(up.port, 0);
    results.sequential = out;
  }

  // -------------------------------------------------------------------------------------------
  // 2a. Saturated throughput: closed loop, 64 connections.
  const peakRss: Record<string, number> = {};
  const notePeak = (name: string, mb: number) => {
    if (!(mb <= (peakRss[name] ?? 0))) peakRss[name] = round(mb, 1)!;
  };
  if (CASES.has('throughput')) {
    log(`saturated throughput: 64 connections, ${plan.satRounds} rounds × ${plan.satSeconds} s × ${nonStreaming.length} subjects`);
    const per: Record<string, { rps: number[]; p50: number[]; p99: number[]; cpu: number[]; errors: number }> = {};
    for (let r = 0; r < plan.satRounds; r++) {
      for (const s of rotate(nonStreaming, r)) {
        const pool = new ClientPool(s.target, 64);
        const req = buildRequest(s.target, chatPath(s), chatBody('gpt-4o'));
        const cpu0 = s.pid ? cpuSeconds(s.pid) : NaN;
        const sampler = s.pid ? rssSampler(s.pid) : null;
        const res = await closedLoop(pool, req, 64, plan.satSeconds * 1000);
        if (sampler) notePeak(s.name, sampler.stop());
        const cpu = s.pid ? (cpuSeconds(s.pid) - cpu0) / res.seconds : NaN;
        pool.close();
        s.answered += res.completed + res.errors;
        const e = (per[s.name] ??= { rps: [], p50: [], p99: [], cpu: [], errors: 0 });
        e.rps.push(res.completed / res.seconds);
        e.p50.push(median(res.latencies));
        e.p99.push(percentile(res.latencies, 99));
        e.cpu.push(cpu);
        e.errors += res.errors;
        await sleep(s.kind === 'G' ? 1500 : 300);
      }
    }
    const table: Record<string, unknown> = {};
    const a1rps = median(per.A1!.rps);
    for (const [name, e] of Object.entries(per)) {
      table[name] = { reqPerSec: round(median(e.rps), 0), ofA1: round(median(e.rps) / a1rps, 3), p50Ms: round(median(e.p50)), p99Ms: round(median(e.p99)), cpuCores: round(median(e.cpu), 2), errors: e.errors, rounds: e.rps.map((x) => round(x, 0)) };
    }
    results.throughput = { connections: 64, perSubject: table };
  }

  // -------------------------------------------------------------------------------------------
  // 2b. Open-loop fixed-rate sweep.
  if (CASES.has('sweep')) {
    log(`open-loop sweep: rates ${plan.sweepRates.join(', ')} req/s, ${plan.sweepSeconds} s each`);
    const saturated = new Set<string>();
    const steps: Array<Record<string, unknown>> = [];
    for (const [i, rate] of plan.sweepRates.entries()) {
      const step: Record<string, unknown> = { rate };
      const raw: Record<string, { p50: number; p99: number }> = {};
      const saturatedPasses = new Map<string, number>();
      // Two interleaved passes per rate; each subject keeps its better pass (lower p99): other jobs
      // on the machine only ever add latency, so the better pass is the closer estimate.
      for (let pass = 0; pass < plan.sweepPasses; pass++) {
        for (const s of rotate(nonStreaming, i + pass)) {
          if (saturated.has(s.name)) continue;
          const pool = new ClientPool(s.target, 2048);
          const req = buildRequest(s.target, chatPath(s), chatBody('gpt-4o'));
          const cpu0 = s.pid ? cpuSeconds(s.pid) : NaN;
          const sampler = s.pid ? rssSampler(s.pid) : null;
          const res = await openLoop(pool, req, rate, plan.sweepSeconds * 1000);
          const peak = sampler ? sampler.stop() : NaN;
          if (sampler) notePeak(s.name, peak);
          const cpu = s.pid ? (cpuSeconds(s.pid) - cpu0) / res.seconds : NaN;
          pool.close();
          s.answered += res.latencies.length + (res.errors - (res.statuses.socket ?? 0));
          const p50 = median(res.latencies);
          const p99 = percentile(res.latencies, 99);
          const achieved = res.latencies.length / res.seconds;
          const saturatedNow = res.errors > res.sent * 0.01 || p99 > 1000 || achieved < rate * 0.9;
          if (!raw[s.name] || p99 < raw[s.name]!.p99) {
            raw[s.name] = { p50, p99 };
            step[s.name] = { p50Ms: round(p50), p99Ms: round(p99), errors: res.errors, achieved: round(achieved, 0), cpuCores: round(cpu, 2), rssMb: round(peak, 1), statuses: res.statuses, pass };
          }
          // Saturated: errors, or answers falling behind the arrival rate (the queue only grows).
          if (saturatedNow) saturatedPasses.set(s.name, (saturatedPasses.get(s.name) ?? 0) + 1);
          await sleep(s.kind === 'G' ? 1000 : 300);
        }
      }
      // Dropped from the higher rates when every pass at this rate saturated.
      for (const [name, count] of saturatedPasses) if (count >= plan.sweepPasses) saturated.add(name);
      const a0 = raw.A0;
      for (const s of nonStreaming) {
        const entry = step[s.name] as Record<string, unknown> | undefined;
        if (!entry || !a0 || s.name === 'A0') continue;
        entry.dP50Ms = round(raw[s.name]!.p50 - a0.p50);
        entry.dP99Ms = round(raw[s.name]!.p99 - a0.p99);
      }
      steps.push(step);
      log(`  rate ${rate}: ${nonStreaming.map((s) => (step[s.name] ? `${s.name} p99 ${(step[s.name] as { p99Ms: number }).p99Ms}` : `${s.name} sat`)).join(', ')}`);
      if (nonStreaming.every((s) => s.name === 'A0' || saturated.has(s.name))) break;
    }
    const highest: Record<string, number | null> = {};
    for (const s of nonStreaming) {
      if (s.name === 'A0') continue;
      let best: number | null = null;
      for (const step of steps) {
        const e = step[s.name] as { dP99Ms?: number; errors: number; achieved: number } | undefined;
        if (!e || e.dP99Ms === undefined) break;
        if (e.dP99Ms < 10 && e.errors === 0 && e.achieved >= (step.rate as number) * 0.95) best = step.rate as number;
        else break;
      }
      highest[s.name] = best;
    }
    results.sweep = { seconds: plan.sweepSeconds, steps, highestRateWithDp99Under10ms: highest };
  }

  // -------------------------------------------------------------------------------------------
  // 3. Streaming: TTFT and inter-chunk gaps at 1 / 64 / 256 concurrent streams.
  if (CASES.has('streaming')) {
    const expected = Array.from({ length: STREAM_EVENTS }, (_, i) => chunkText(i));
    const out: Record<string, unknown> = {};
    for (const concurrency of [1, 64, 256] as const) {
      const waves = plan.streamWaves[concurrency];
      log(`streaming: ${concurrency} concurrent streams (steady: each slot starts its next stream when one ends, first starts spread over a stream's duration), ${plan.streamRounds} rounds × ${waves} s × ${streamingSubjects.length} subjects`);
      const acc: Record<string, { ttft: number[]; gaps: number[]; broken: number; streams: number }> = {};
      for (let r = 0; r < plan.streamRounds; r++) {
        for (const s of rotate(streamingSubjects, r)) {
          const pool = new ClientPool(s.target, concurrency);
          const req = buildRequest(s.target, chatPath(s), chatBody('gpt-4o', { stream: true }));
          const e = (acc[s.name] ??= { ttft: [], gaps: [], broken: 0, streams: 0 });
          await steadyStreams(pool, req, concurrency, waves * 1000, (res) => {
            e.streams++;
            s.answered++;
            if (!res || res.status !== 200 || !res.events) {
              e.broken++;
              return;
            }
            const texts = res.events.map((ev) => (ev.data === '[DONE]' ? '[DONE]' : (JSON.parse(ev.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content));
            if (texts.length !== STREAM_EVENTS + 1 || texts[STREAM_EVENTS] !== '[DONE]' || expected.some((t, i) => texts[i] !== t)) e.broken++;
            e.ttft.push(res.firstMs);
            for (let i = 1; i < Math.min(res.events.length, STREAM_EVENTS); i++) e.gaps.push(res.events[i]!.at - res.events[i - 1]!.at);
          });
          pool.close();
          if (s.kind === 'G') await sleep(150);
        }
      }
      out[`c${concurrency}`] = summariseStreams(acc);
    }
    results.streaming = { events: STREAM_EVENTS, gapMs: STREAM_GAP_MS, ...out };
  }

  // -------------------------------------------------------------------------------------------
  // 4. Cross-format: OpenAI client → Anthropic upstream (translation both ways).
  if (CASES.has('crossformat')) {
    log('cross-format: OpenAI request → Anthropic upstream');
    const a0 = { ...subjects[0]!.target, chatPath: '/anthropic/v1' };
    const a0Json = buildRequest(a0, '/anthropic/v1/messages', anthropicBody(false));
    const a0Stream = buildRequest(a0, '/anthropic/v1/messages', anthropicBody(true));
    const gJson = buildRequest(G.target, chatPath(G), chatBody('anthropic/claude-sonnet-4'));
    const gStream = buildRequest(G.target, chatPath(G), chatBody('anthropic/claude-sonnet-4', { stream: true }));
    const pools = { A0: new ClientPool(a0, 64), G: new ClientPool(G.target, 64) };
    const seq: Record<string, { p50: number[]; p99: number[]; errors: number }> = {};
    const streams: Record<string, { ttft: number[]; gaps: number[]; broken: number; streams: number }> = {};
    const rounds = plan.seqRounds;
    for (let r = 0; r < rounds; r++) {
      for (const [name, req] of rotate([['A0', a0Json], ['G', gJson]] as const, r)) {
        const res = await sequential(pools[name], req, plan.seqN / 2);
        if (name === 'G') G.answered += res.latencies.length + res.errors;
        const e = (seq[name] ??= { p50: [], p99: [], errors: 0 });
        e.p50.push(median(res.latencies));
        e.p99.push(percentile(res.latencies, 99));
        e.errors += res.errors;
      }
    }
    const expectedText = Array.from({ length: STREAM_EVENTS }, (_, i) => chunkText(i)).join('');
    for (const concurrency of [1, 64]) {
      for (let r = 0; r < plan.streamRounds * 2; r++) {
        for (const [name, req] of rotate([['A0', a0Stream], ['G', gStream]] as const, r)) {
          const e = (streams[`${name}@${concurrency}`] ??= { ttft: [], gaps: [], broken: 0, streams: 0 });
          await steadyStreams(pools[name], req, concurrency, plan.streamWaves[64] * 500, (res) => {
            e.streams++;
            if (name === 'G') G.answered++;
            if (!res || res.status !== 200 || !res.events) {
              e.broken++;
              return;
            }
            // Content events only: Anthropic's message_start / content_block_start come with the first delta.
            const deltas = res.events.filter((ev) => (name === 'A0' ? ev.data.includes('"text_delta"') : ev.data.includes('"content":"tok')));
            const text = deltas.map((ev) => (name === 'A0' ? (JSON.parse(ev.data) as { delta: { text: string } }).delta.text : (JSON.parse(ev.data) as { choices: Array<{ delta: { content: string } }> }).choices[0]!.delta.content)).join('');
            if (text !== expectedText || (name === 'G' && res.events.at(-1)?.data !== '[DONE]')) e.broken++;
            e.ttft.push(res.firstMs);
            for (let i = 1; i < deltas.length; i++) e.gaps.push(deltas[i]!.at - deltas[i - 1]!.at);
          });
          if (name === 'G') await sleep(150);
        }
      }
    }
    pools.A0.close();
    pools.G.close();
    const s = summariseRounds(seq) as Record<string, { p50Ms: number }>;
    const st = summariseStreams(streams, { 'G@1': 'A0@1', 'G@64': 'A0@64' });
    results.crossformat = { gateway: 'G', sequentialNonStreaming: s, streaming: st };
  }

  // -------------------------------------------------------------------------------------------
  // 5. Fallback: the primary answers 500 / 429, the next model answers.
  if (CASES.has('fallback')) {
    log('fallback: primary 500 / 429 → next model');
    const a0 = { ...subjects[0]!.target };
    const pools = { A0: new ClientPool(a0, 1), G: new ClientPool(G.target, 1) };
    const okReq = buildRequest(a0, '/openai/v1/chat/completions', chatBody('gpt-4o'));
    const out: Record<string, unknown> = {};
    for (const status of [500, 429]) {
      const failReq = buildRequest(a0, '/fail/v1/chat/completions', chatBody(`fail-${status}`));
      const gReq = buildRequest(G.target, chatPath(G), chatBody(`custom/fail-${status}`, { extra: { models: ['openai/gpt-4o'] } }));
      const acc: Record<string, { p50: number[]; p99: number[]; errors: number }> = {};
      let fallbackHeaders = 0;
      for (let r = 0; r < plan.fallbackRounds; r++) {
        const order = rotate(['A0', 'A0pair', 'G'] as const, r);
        for (const name of order) {
          const lat: number[] = [];
          let errors = 0;
          for (let i = 0; i < plan.fallbackN; i++) {
            if (name === 'A0') {
              const res = await pools.A0.request(okReq);
              if (res.status === 200) lat.push(res.latencyMs);
              else errors++;
            } else if (name === 'A0pair') {
              const start = performance.now();
              const fail = await pools.A0.request(failReq);
              const ok = await pools.A0.request(okReq);
              if (fail.status === status && ok.status === 200) lat.push(performance.now() - start);
              else errors++;
            } else {
              const res = await pools.G.request(gReq, { keepBody: true });
              G.answered++;
              if (res.status === 200) lat.push(res.latencyMs);
              else errors++;
              if (res.headers?.includes('x-llmtest-fallback-model: openai/gpt-4o')) fallbackHeaders++;
            }
          }
          const e = (acc[name] ??= { p50: [], p99: [], errors: 0 });
          e.p50.push(median(lat));
          e.p99.push(percentile(lat, 99));
          e.errors += errors;
        }
        await sleep(80);
      }
      const summary = summariseRounds(acc) as Record<string, { p50Ms: number; p99Ms: number }>;
      out[`primary${status}`] = {
        ...summary,
        addedVsHealthyDirectMs: round(summary.G!.p50Ms - summary.A0!.p50Ms),
        addedVsDirectFailThenOkMs: round(summary.G!.p50Ms - summary.A0pair!.p50Ms),
        fallbackHeaderSeen: fallbackHeaders,
      };
    }
    pools.A0.close();
    pools.G.close();
    results.fallback = { note: 'LLMTEST_MAX_RETRIES=0 (no same-model retry, hence no backoff), breaker threshold 1000', ...out };
  }

  // -------------------------------------------------------------------------------------------
  // 6. Payload size: 1 / 10 / 100 KB prompts, sequential.
  if (CASES.has('payload')) {
    const out: Record<string, unknown> = {};
    for (const kb of [1, 10, 100]) {
      log(`payload ${kb} KB: ${plan.payloadRounds} rounds × ${plan.payloadN} requests`);
      const per: Record<string, { p50: number[]; p99: number[]; errors: number }> = {};
      const pools = new Map(nonStreaming.map((s) => [s.name, new ClientPool(s.target, 1)]));
      for (let r = 0; r < plan.payloadRounds; r++) {
        for (const s of rotate(nonStreaming, r)) {
          const req = buildRequest(s.target, chatPath(s), chatBody('gpt-4o', { promptBytes: kb * 1024 }));
          const res = await sequential(pools.get(s.name)!, req, kb === 100 ? Math.ceil(plan.payloadN / 2) : plan.payloadN);
          s.answered += res.latencies.length + res.errors;
          const e = (per[s.name] ??= { p50: [], p99: [], errors: 0 });
          e.p50.push(median(res.latencies));
          e.p99.push(percentile(res.latencies, 99));
          e.errors += res.errors;
          if (s.kind === 'G') await sleep(80);
        }
      }
      for (const pool of pools.values()) pool.close();
      out[`${kb}KB`] = summariseRounds(per);
    }
    results.payload = out;
  }

  // -------------------------------------------------------------------------------------------
  // 8. Soak: every G in turn (10-s slices, rotating) at the same fixed rate for SOAK_SECONDS in
  // all, RSS of each sampled every 5 s over the whole window: growth that shows on G but not on
  // G-pg / G-nolog is the embedded database's, growth on all three would be the gateway's.
  if (CASES.has('soak') && SOAK_SECONDS > 0) {
    const per = (results.throughput as { perSubject: Record<string, { reqPerSec: number }> } | undefined)?.perSubject;
    const slowest = Math.min(...gSubjects.map((g) => per?.[g.name]?.reqPerSec ?? 2000));
    const rate = Math.max(200, Math.min(2000, Math.round(slowest * 0.5)));
    log(`soak: ${gSubjects.map((g) => g.name).join(', ')} in turn, 10-s slices at ${rate} req/s, ${SOAK_SECONDS} s in all (RSS every 5 s)`);
    const state = new Map(gSubjects.map((g) => [g.name, { pool: new ClientPool(g.target, 1024), req: buildRequest(g.target, chatPath(g), chatBody('gpt-4o')), samples: [] as Array<[number, number]>, lat: [] as number[], errors: 0, before: rssMb(g.pid!) }]));
    const started = performance.now();
    const sampler = setInterval(() => {
      for (const g of gSubjects) state.get(g.name)!.samples.push([round((performance.now() - started) / 1000, 0)!, round(rssMb(g.pid!), 1)!]);
    }, 5000);
    for (let slice = 0, left = SOAK_SECONDS; left > 0; slice++, left -= 10) {
      const g = gSubjects[slice % gSubjects.length]!;
      const st = state.get(g.name)!;
      const res = await openLoop(st.pool, st.req, rate, Math.min(10, left) * 1000);
      st.errors += res.errors;
      g.answered += res.latencies.length + (res.errors - (res.statuses.socket ?? 0));
      for (const l of res.latencies) st.lat.push(l);
    }
    clearInterval(sampler);
    await sleep(10_000);
    const soak: Record<string, unknown> = {};
    for (const g of gSubjects) {
      const st = state.get(g.name)!;
      st.pool.close();
      const half = st.samples.slice(Math.floor(st.samples.length / 2));
      soak[g.name] = {
        errors: st.errors,
        p50Ms: round(median(st.lat)),
        p99Ms: round(percentile(st.lat, 99)),
        rssBeforeMb: round(st.before, 1),
        rssMaxMb: round(Math.max(...st.samples.map((x) => x[1])), 1),
        rssEndMb: st.samples.at(-1)?.[1] ?? null,
        rssAfter10sIdleMb: round(rssMb(g.pid!), 1),
        secondHalfSlopeMbPerMin: round(linearSlope(half) * 60, 2),
        samples: st.samples,
      };
    }
    results.soak = { rate, seconds: SOAK_SECONDS, sliceSeconds: 10, perSubject: soak };
  }

  const finalRss: Record<string, number | null> = {};
  for (const s of subjects) if (s.pid) finalRss[s.name] = round(rssMb(s.pid), 1);
  results.memory = { idleAfterStartMb: idleRss, afterWarmupMb: warmRss, peakUnderLoadMb: peakRss, atEndMb: finalRss };

  // -------------------------------------------------------------------------------------------
  // 7. Log ingestion: rows written vs calls answered (end to end), then the writer alone.
  if (CASES.has('ingestion')) {
    const endToEnd: Record<string, unknown> = {};
    for (const s of gSubjects) {
      const g = s.gateway!;
      if (!g.callLog) continue;
      log(`ingestion: stopping ${s.name} (SIGTERM flushes the queue) and counting its rows`);
      await g.child.stop('SIGTERM', 60_000);
      const rows = await countRows(g);
      endToEnd[s.name] = { callsAnswered: s.answered, rows, lost: s.answered - rows.callLog, spillFilesLeft: rows.spill };
    }
    const writer: Record<string, unknown> = {};
    for (const db of opts['no-postgres'] ? ['pglite'] : ['pglite', 'postgres']) {
      log(`ingestion: bench/call-log-ingest.ts --db ${db} --records ${plan.ingestRecords} --rate 10000 (pinned to the server core)`);
      writer[db] = await runIngest(db, serverCores);
    }
    results.ingestion = { endToEnd, writerAlone: writer };
  }

}

function writeReport(): void {
  if (!state.machine) return;
  const { machine, pinned, subjects, peerNote } = state;
  const report = {
    date: startedAt.toISOString(),
    label: opts.label ?? null,
    quick: QUICK,
    durationSeconds: round((performance.now() - t0) / 1000, 0),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
    pinning: pinned ? { loadGenerator: `core ${LOAD_CORE} (this process, every thread)`, upstream: `core ${opts['upstream-core'] ?? LOAD_CORE}`, servers: `core ${SERVER_CORE} (A1, every G, Portkey, and the call-log-ingest runs)` } : null,
    subjects: subjects.map((s) => ({ name: s.name, kind: s.kind, ...(s.gateway ? { database: s.gateway.databaseUrl ? 'postgres' : 'pglite', callLog: s.gateway.callLog } : {}) })),
    peer: peerNote,
    upstream: { json: '1.4 KB chat.completion', stream: `${STREAM_EVENTS} chunks ${STREAM_GAP_MS} ms apart` },
    notes,
    results,
  };
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const base = `${stamp}${QUICK ? '-quick' : ''}${opts.label ? `-${opts.label}` : ''}`;
  writeFileSync(path.join(dir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const md = renderMarkdown(report);
  writeFileSync(path.join(dir, `${base}.md`), md);
  if (!QUICK && !opts.cases) writeFileSync(path.join(dir, 'latest.md'), md);
  console.log(`\n${md}`);
  log(`wrote bench/results/${base}.json and .md`);
}

// ---------------------------------------------------------------------------------------------
/**
 * `concurrency` streams in flight for ~durationMs: each slot starts its next stream as soon as
 * one ends; the first starts are spread over one stream's duration so that arrivals are steady
 * rather than one burst of `concurrency` new requests at the same instant.
 */
async function steadyStreams(pool: ClientPool, req: Buffer, concurrency: number, durationMs: number, onResult: (res: Awaited<ReturnType<ClientPool['request']>> | null) => void): Promise<void> {
  const streamMs = STREAM_EVENTS * STREAM_GAP_MS;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      await sleep((i * streamMs) / concurrency);
      do onResult(await pool.request(req, { sse: true }).catch(() => null));
      while (performance.now() < end);
    }),
  );
}

function summariseRounds(per: Record<string, { p50: number[]; p99: number[]; errors: number }>): Record<string, unknown> {
  const a0 = per.A0 ? median(per.A0.p50) : NaN;
  const a0p99 = per.A0 ? median(per.A0.p99) : NaN;
  const out: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(per)) {
    const p50 = median(e.p50);
    const p99 = median(e.p99);
    out[name] = { p50Ms: round(p50, 3), p99Ms: round(p99, 3), addedP50Ms: name === 'A0' ? null : round(p50 - a0, 3), addedP99Ms: name === 'A0' ? null : round(p99 - a0p99, 3), errors: e.errors };
  }
  return out;
}

function summariseStreams(acc: Record<string, { ttft: number[]; gaps: number[]; broken: number; streams: number }>, refs?: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(acc)) {
    const refName = refs?.[name] ?? 'A0';
    const ref = acc[refName];
    const ttft = median(e.ttft);
    const gapP99 = percentile(e.gaps, 99);
    out[name] = {
      streams: e.streams,
      broken: e.broken,
      ttftP50Ms: round(ttft, 3),
      ttftP99Ms: round(percentile(e.ttft, 99), 3),
      gapP50Ms: round(median(e.gaps), 3),
      gapP99Ms: round(gapP99, 3),
      addedTtftP50Ms: ref && name !== refName ? round(ttft - median(ref.ttft), 3) : null,
      dGapP99Ms: ref && name !== refName ? round(gapP99 - percentile(ref.gaps, 99), 3) : null,
    };
  }
  return out;
}

function linearSlope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : 0;
}

async function countRows(g: GatewayInstance): Promise<{ callLog: number; spill: number }> {
  const { readdirSync, existsSync } = await import('node:fs');
  const spillDir = path.join(g.dataDir, 'call-log-spill');
  const spill = existsSync(spillDir) ? readdirSync(spillDir).filter((f) => f.startsWith('calllog-')).length : 0;
  // A child process: PGlite and the Prisma client keep the event loop busy for seconds after use.
  const script = `
    const m = await import('./lib/db/client.ts');
    const { getDb, closeDb } = m.default ?? m;
    const db = await getDb();
    const n = await db.callLog.count();
    process.stdout.write(JSON.stringify({ n }) + '\\n');
    await closeDb();
    process.exit(0);`;
  const env: NodeJS.ProcessEnv = { ...process.env, LLMTEST_DATA_DIR: g.dataDir };
  if (g.databaseUrl) env.DATABASE_URL = g.databaseUrl;
  else delete env.DATABASE_URL;
  const run = spawnSync(NODE, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  const match = /\{"n":(\d+)\}/.exec(run.stdout);
  if (!match) throw new Error(`counting rows of ${g.name} failed: ${run.stderr.slice(-1000)}`);
  return { callLog: Number(match[1]), spill };
}

function runIngest(db: string, cores: string | null): Promise<Record<string, unknown>> {
  const args = ['--import', 'tsx', 'bench/call-log-ingest.ts', '--db', db, '--records', String(plan.ingestRecords), '--rate', '10000'];
  const [cmd, argv] = cores ? ['taskset', ['-c', cores, NODE, ...args]] : [NODE, args];
  return new Promise((resolve) => {
    const proc = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => {
      const phases: Record<string, unknown> = {};
      for (const line of out.split('\n')) {
        const m = /^(\w+)\s+(burst|sustained@\d+\/s)\s+(\d+) calls in ([\d.]+) s = (\d+) calls\/s \| cpu (\d+) µs\/call \| max queue (\d+) \| drain after last enqueue (\d+) ms \| spilled (\d+) dropped (\d+) failed batches (\d+)/.exec(line);
        if (m) phases[m[2]!.startsWith('burst') ? 'burst' : 'sustained10k'] = { records: Number(m[3]), seconds: Number(m[4]), callsPerSecond: Number(m[5]), cpuMicrosPerCall: Number(m[6]), maxQueue: Number(m[7]), drainMs: Number(m[8]), spilled: Number(m[9]), dropped: Number(m[10]), failedBatches: Number(m[11]) };
      }
      const rows = /rows in CallLog: (\d+) \(expected (\d+)/.exec(out);
      resolve({ exitCode: code, ...phases, rows: rows ? Number(rows[1]) : null, expectedRows: rows ? Number(rows[2]) : null, output: out.trim().split('\n').slice(-6) });
    });
  });
}

const dataDirs: string[] = [];
async function cleanup(): Promise<void> {
  for (const child of children.reverse()) await child.stop('SIGTERM', 30_000).catch(() => undefined);
  if (pgDrop) await pgDrop().catch(() => undefined);
  const { rmSync } = await import('node:fs');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

main()
  .catch((error) => {
    console.error(error);
    notes.push(`The run stopped early: ${(error as Error).message.split('\n')[0]}`);
    process.exitCode = 1;
  })
  .finally(() => writeReport())
  .finally(() => cleanup().finally(() => process.exit()));
