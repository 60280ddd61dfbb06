// The Markdown summary of one bench run (bench/results/<date>.md and latest.md).
/* eslint-disable @typescript-eslint/no-explicit-any */

const f = (value: unknown, digits = 2): string => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : value === null || value === undefined ? '–' : String(value));
const signed = (value: unknown, digits = 2): string => (typeof value === 'number' && Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '–');

export function targets(report: any): Array<{ target: string; goal: string; achieved: string; met: boolean | null }> {
  const r = report.results;
  const rows: Array<{ target: string; goal: string; achieved: string; met: boolean | null }> = [];
  const seq = r.sequential?.upstream0ms;
  if (seq) {
    for (const name of ['G', 'G-pg']) {
      if (!seq[name]) continue;
      const v = seq[name].addedP50Ms;
      rows.push({ target: `Sequential added latency, ${name} vs A0, p50 (logging on)`, goal: '≤ 0.5 ms', achieved: `${signed(v, 3)} ms`, met: v <= 0.5 });
    }
  }
  const tp = r.throughput?.perSubject;
  if (tp) {
    for (const name of ['G', 'G-pg']) {
      if (!tp[name]) continue;
      const v = tp[name].ofA1;
      rows.push({ target: `Saturated throughput ${name} / A1 (logging on)`, goal: '≥ 70 %', achieved: `${f(v * 100, 1)} % (${f(tp[name].reqPerSec, 0)} vs ${f(tp.A1.reqPerSec, 0)} req/s)`, met: v >= 0.7 });
    }
  }
  const st = r.streaming;
  if (st) {
    const ttft = st.c1?.G?.addedTtftP50Ms;
    rows.push({ target: 'Added time to first token, G p50 (1 stream)', goal: '≤ 1 ms', achieved: `${signed(ttft, 3)} ms`, met: ttft <= 1 });
    const ttft64 = st.c64?.G?.addedTtftP50Ms;
    rows.push({ target: 'Added time to first token, G p50 (64 streams)', goal: '≤ 1 ms', achieved: `${signed(ttft64, 3)} ms`, met: ttft64 <= 1 });
    const gap = st.c64?.G?.dGapP99Ms;
    rows.push({ target: 'Inter-chunk gap Δp99, G at 64 streams', goal: '≤ 2 ms', achieved: `${signed(gap, 3)} ms`, met: gap <= 2 });
  }
  const ing = r.ingestion;
  if (ing) {
    for (const [db, w] of Object.entries<any>(ing.writerAlone ?? {})) {
      const s = w.sustained10k;
      if (!s) {
        rows.push({ target: `Log ingestion ≥ 10,000 calls/s, ${db}`, goal: 'no loss', achieved: 'did not run', met: false });
        continue;
      }
      const kept = s.spilled === 0 && s.dropped === 0;
      const exact = w.rows === w.expectedRows;
      rows.push({
        target: `Log ingestion sustained 10,000 calls/s, ${db} (writer alone)`,
        goal: '≥ 10,000 calls/s, no loss',
        achieved: `${f(s.callsPerSecond, 0)} calls/s, max queue ${s.maxQueue}, spilled ${s.spilled}, rows ${w.rows}/${w.expectedRows}; burst ${f(w.burst?.callsPerSecond, 0)} calls/s`,
        met: kept && exact && s.callsPerSecond >= 9_500,
      });
    }
    for (const [name, e] of Object.entries<any>(ing.endToEnd ?? {})) {
      rows.push({ target: `Call log end to end, ${name}: rows vs calls answered`, goal: 'no loss', achieved: `${e.rows.callLog} rows / ${e.callsAnswered} calls (lost ${e.lost}, spill files left ${e.rows.spill})`, met: e.lost <= 0 });
    }
  }
  const mem = r.memory;
  if (mem) {
    for (const name of ['G', 'G-pg', 'G-nolog']) {
      const peak = mem.peakUnderLoadMb?.[name];
      if (peak === undefined) continue;
      rows.push({ target: `RSS of ${name} at saturation`, goal: '≤ 250 MB', achieved: `${f(peak, 0)} MB peak (idle ${f(mem.idleAfterStartMb?.[name], 0)} MB)`, met: peak <= 250 });
    }
  }
  if (r.soak) {
    for (const [name, s] of Object.entries<any>(r.soak.perSubject ?? {})) {
      rows.push({
        target: `RSS flat over the soak, ${name} (${r.soak.seconds} s, ${r.soak.rate} req/s in turns)`,
        goal: 'no growth, ≤ 250 MB',
        achieved: `${f(s.rssBeforeMb, 0)} → max ${f(s.rssMaxMb, 0)} → end ${f(s.rssEndMb, 0)} MB; 2nd-half slope ${signed(s.secondHalfSlopeMbPerMin)} MB/min`,
        met: Math.abs(s.secondHalfSlopeMbPerMin) < 1 && s.rssMaxMb <= 250,
      });
    }
  }
  return rows;
}

export function renderMarkdown(report: any): string {
  const r = report.results;
  const out: string[] = [];
  out.push(`# Gateway benchmark — ${report.date}${report.quick ? ' (quick)' : ''}`);
  out.push('');
  out.push(
    `${report.machine.cpus} cores (${report.machine.cpuModel}), Node ${report.machine.node}; load average ${report.machine.loadAverageAtStart.join(' ')} at start, ${report.machine.loadAverageAtEnd.join(' ')} at the end (other jobs share the machine: every figure is a difference or ratio against references measured in the same run, interleaved). Run took ${Math.round(report.durationSeconds / 60)} min.`,
  );
  out.push('');
  out.push(`- **A0** the upstream called directly (bench/upstream.ts: ${report.upstream.json}; SSE ${report.upstream.stream}); **A1** bare node:http + undici pass-through (bench/passthrough.ts); **G** the gateway (production build, \`server.ts\`) with the call log on the embedded PGlite; **G-pg** the same on a fresh PostgreSQL database; **G-nolog** \`LLMTEST_CALL_LOG=off\`; **Portkey** ${report.peer}.`);
  out.push(report.pinning ? `- Pinning (taskset): load generator on ${report.pinning.loadGenerator}; the upstream fixture A0 on ${report.pinning.upstream}; servers under test on ${report.pinning.servers}.` : '- Not pinned.');
  for (const note of report.notes) out.push(`- ${note}`);
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push('| target | goal | achieved | |');
  out.push('|---|---|---|---|');
  for (const t of targets(report)) out.push(`| ${t.target} | ${t.goal} | ${t.achieved} | ${t.met === null ? '' : t.met ? '✅' : '❌'} |`);
  out.push('');

  if (r.sequential) {
    out.push('## 1. Sequential overhead (one request at a time; median of per-round medians)');
    out.push('');
    const names = Object.keys(r.sequential.upstream0ms ?? r.sequential.upstream60ms ?? {});
    out.push('| subject | p50, upstream 0 ms | added p50 | added p99 | p50, upstream 60 ms | added p50 | errors |');
    out.push('|---|---|---|---|---|---|---|');
    for (const n of names) {
      const a = r.sequential.upstream0ms?.[n];
      const b = r.sequential.upstream60ms?.[n];
      out.push(`| ${n} | ${f(a?.p50Ms, 3)} ms | ${signed(a?.addedP50Ms, 3)} | ${signed(a?.addedP99Ms, 3)} | ${f(b?.p50Ms, 2)} ms | ${signed(b?.addedP50Ms, 3)} | ${(a?.errors ?? 0) + (b?.errors ?? 0)} |`);
    }
    out.push('');
  }
  if (r.throughput) {
    out.push(`## 2a. Saturated throughput (closed loop, ${r.throughput.connections} connections, upstream 0 ms)`);
    out.push('');
    out.push('| subject | req/s | of A1 | p50 | p99 | CPU (cores) | errors |');
    out.push('|---|---|---|---|---|---|---|');
    for (const [n, e] of Object.entries<any>(r.throughput.perSubject)) out.push(`| ${n} | ${f(e.reqPerSec, 0)} | ${f(e.ofA1 * 100, 1)} % | ${f(e.p50Ms)} ms | ${f(e.p99Ms)} ms | ${f(e.cpuCores)} | ${e.errors} |`);
    out.push('');
  }
  if (r.sweep) {
    out.push(`## 2b. Open-loop fixed-rate sweep (${r.sweep.seconds} s per step; latency from the due time; Δ vs A0 in the same step)`);
    out.push('');
    const names = [...new Set(r.sweep.steps.flatMap((s: any) => Object.keys(s).filter((k) => k !== 'rate')))] as string[];
    out.push(`| rate | ${names.map((n) => `${n} p50 / p99 (Δp50 / Δp99), CPU, RSS`).join(' | ')} |`);
    out.push(`|---|${names.map(() => '---').join('|')}|`);
    for (const step of r.sweep.steps) {
      const cells = names.map((n) => {
        const e = step[n];
        if (!e) return 'saturated';
        const d = n === 'A0' ? '' : ` (${signed(e.dP50Ms)} / ${signed(e.dP99Ms)})`;
        return `${f(e.p50Ms)} / ${f(e.p99Ms)}${d}, ${f(e.cpuCores)} c, ${f(e.rssMb, 0)} MB${e.errors ? `, **${e.errors} err**` : ''}${e.achieved < step.rate * 0.95 ? `, ${e.achieved}/s` : ''}`;
      });
      out.push(`| ${step.rate} | ${cells.join(' | ')} |`);
    }
    out.push('');
    out.push(`Highest rate with Δp99 < 10 ms and no errors: ${Object.entries<any>(r.sweep.highestRateWithDp99Under10ms).map(([n, v]) => `${n} ${v ?? 'none'}`).join(', ')} req/s.`);
    out.push('');
  }
  if (r.streaming) {
    out.push(`## 3. Streaming (${r.streaming.events} chunks ${r.streaming.gapMs} ms apart; every chunk checked for content and order)`);
    out.push('');
    out.push('| streams | subject | TTFT p50 | added TTFT p50 | gap p50 | gap p99 | Δ gap p99 | broken / streams |');
    out.push('|---|---|---|---|---|---|---|---|');
    for (const c of ['c1', 'c64', 'c256']) {
      for (const [n, e] of Object.entries<any>(r.streaming[c] ?? {})) out.push(`| ${c.slice(1)} | ${n} | ${f(e.ttftP50Ms, 3)} ms | ${signed(e.addedTtftP50Ms, 3)} | ${f(e.gapP50Ms)} | ${f(e.gapP99Ms)} | ${signed(e.dGapP99Ms, 3)} | ${e.broken} / ${e.streams} |`);
    }
    out.push('');
  }
  if (r.crossformat) {
    out.push('## 4. Cross-format: OpenAI client → Anthropic upstream (G translates request, response and stream)');
    out.push('');
    const s = r.crossformat.sequentialNonStreaming;
    out.push(`Non-streaming, sequential: A0 (Anthropic API direct) p50 ${f(s.A0?.p50Ms, 3)} ms, G p50 ${f(s.G?.p50Ms, 3)} ms → added ${signed(s.G?.addedP50Ms, 3)} ms (p99 ${signed(s.G?.addedP99Ms, 3)}).`);
    out.push('');
    out.push('| streams | subject | TTFT p50 | added TTFT p50 | gap p99 | Δ gap p99 | broken / streams |');
    out.push('|---|---|---|---|---|---|---|');
    for (const [n, e] of Object.entries<any>(r.crossformat.streaming)) out.push(`| ${n.split('@')[1]} | ${n.split('@')[0]} | ${f(e.ttftP50Ms, 3)} | ${signed(e.addedTtftP50Ms, 3)} | ${f(e.gapP99Ms)} | ${signed(e.dGapP99Ms, 3)} | ${e.broken} / ${e.streams} |`);
    out.push('');
  }
  if (r.fallback) {
    out.push(`## 5. Fallback (primary fails, next model answers; ${r.fallback.note})`);
    out.push('');
    out.push('| primary answers | A0 healthy call p50 | A0 failing call + healthy call p50 | G p50 | G − A0 | G − (fail + ok direct) | fallback header seen |');
    out.push('|---|---|---|---|---|---|---|');
    for (const k of ['primary500', 'primary429']) {
      const e = r.fallback[k];
      if (e) out.push(`| ${k.slice(7)} | ${f(e.A0?.p50Ms, 3)} ms | ${f(e.A0pair?.p50Ms, 3)} ms | ${f(e.G?.p50Ms, 3)} ms | ${signed(e.addedVsHealthyDirectMs, 3)} | ${signed(e.addedVsDirectFailThenOkMs, 3)} | ${e.fallbackHeaderSeen} |`);
    }
    out.push('');
  }
  if (r.payload) {
    out.push('## 6. Payload size (prompt size; sequential; added p50 / p99 vs A0)');
    out.push('');
    const names = Object.keys(r.payload['1KB'] ?? {});
    out.push(`| prompt | ${names.join(' | ')} |`);
    out.push(`|---|${names.map(() => '---').join('|')}|`);
    for (const [kb, per] of Object.entries<any>(r.payload)) out.push(`| ${kb} | ${names.map((n) => (n === 'A0' ? `${f(per[n]?.p50Ms, 3)} ms` : `${signed(per[n]?.addedP50Ms, 3)} / ${signed(per[n]?.addedP99Ms, 3)}`)).join(' | ')} |`);
    out.push('');
  }
  if (r.ingestion) {
    out.push('## 7. Log ingestion');
    out.push('');
    for (const [n, e] of Object.entries<any>(r.ingestion.endToEnd)) out.push(`- End to end, ${n}: ${e.callsAnswered} calls answered during the run, ${e.rows.callLog} rows in CallLog after SIGTERM (lost ${e.lost}; spill files left ${e.rows.spill}).`);
    for (const [db, w] of Object.entries<any>(r.ingestion.writerAlone)) {
      out.push(
        `- Writer alone (bench/call-log-ingest.ts, ${w.expectedRows ?? '?'} records, pinned to the server core), ${db}: burst ${f(w.burst?.callsPerSecond, 0)} calls/s (${w.burst?.cpuMicrosPerCall} µs CPU/call); sustained 10,000/s → ${f(w.sustained10k?.callsPerSecond, 0)} calls/s, max queue ${w.sustained10k?.maxQueue}, spilled ${w.sustained10k?.spilled}, dropped ${w.sustained10k?.dropped}; rows ${w.rows} of ${w.expectedRows}.`,
      );
    }
    out.push('');
  }
  if (r.memory) {
    out.push('## 8. Memory (RSS, MB)');
    out.push('');
    const m = r.memory;
    out.push('| subject | idle after start | after warm-up | peak under load | at the end |');
    out.push('|---|---|---|---|---|');
    for (const n of Object.keys(m.idleAfterStartMb)) out.push(`| ${n} | ${f(m.idleAfterStartMb[n], 0)} | ${f(m.afterWarmupMb[n], 0)} | ${f(m.peakUnderLoadMb[n], 0)} | ${f(m.atEndMb[n], 0)} |`);
    out.push('');
    if (r.soak) {
      out.push(`Soak: ${Object.keys(r.soak.perSubject).join(', ')} in turn (${r.soak.sliceSeconds}-s slices) at ${r.soak.rate} req/s for ${r.soak.seconds} s in all, RSS sampled every 5 s:`);
      out.push('');
      out.push('| subject | p50 | p99 | errors | RSS before | max | end | after 10 s idle | slope, 2nd half |');
      out.push('|---|---|---|---|---|---|---|---|---|');
      for (const [n, s] of Object.entries<any>(r.soak.perSubject)) out.push(`| ${n} | ${f(s.p50Ms)} ms | ${f(s.p99Ms)} ms | ${s.errors} | ${f(s.rssBeforeMb, 0)} | ${f(s.rssMaxMb, 0)} | ${f(s.rssEndMb, 0)} | ${f(s.rssAfter10sIdleMb, 0)} | ${signed(s.secondHalfSlopeMbPerMin)} MB/min |`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}
