// Results per model, computed from the stored rows (pure: the page and the tests share it).
// Candidates: over their finished replays (ok + error). Baseline: the recorded production calls
// of the replayed (not skipped) samples. Percentiles are nearest-rank over successful calls;
// time to first token is the latency for non-streamed calls (the whole answer arrives at once).
// Quality is the mean over answered calls (errors show in the error rate): the judge's score
// (1–10) when there is a judge, else agreement with the baseline (0–1).

export interface ResultRow {
  model: string;
  status: string;
  latencyMs: number | null;
  ttftMs: number | null;
  costMicros: bigint;
  fellBack: boolean;
  jsonValid: boolean | null;
  agreement: number | null;
  judgeScore: number | null;
  judgeCostMicros: bigint;
  finishedAt: Date | null;
}

export interface BaselineRow {
  jsonMode: boolean;
  baselineText: string | null;
  baselineLatencyMs: number;
  baselineTtftMs: number | null;
  baselineCostMicros: bigint;
  baselineFellBack: boolean;
}

export interface ModelFigures {
  model: string;
  role: 'baseline' | 'candidate';
  /** Finished calls (ok + error). */
  calls: number;
  errors: number;
  totalCostMicros: bigint;
  perCallCostMicros: bigint | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
  errorRate: number | null;
  fallbackRate: number | null;
  /** JSON flows only: share of calls whose answer was valid JSON (a failed call counts as not valid). */
  jsonValidRate: number | null;
  agreement: number | null;
  judgeScore: number | null;
  judgeCostMicros: bigint;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const ascending = (values: Array<number | null>) => values.filter((v): v is number => v !== null).sort((a, b) => a - b);

/** Average rounded half up to the micro-dollar (bigint arithmetic, no float on money). */
export function perCall(total: bigint, calls: number): bigint | null {
  if (calls <= 0) return null;
  const n = BigInt(calls);
  return (total * 2n + n) / (2n * n);
}

export function candidateFigures(model: string, rows: ResultRow[], jsonFlow: boolean): ModelFigures {
  const finished = rows.filter((r) => r.model === model && (r.status === 'ok' || r.status === 'error'));
  const ok = finished.filter((r) => r.status === 'ok');
  const total = finished.reduce((sum, r) => sum + r.costMicros, 0n);
  const latencies = ascending(ok.map((r) => r.latencyMs));
  return {
    model,
    role: 'candidate',
    calls: finished.length,
    errors: finished.length - ok.length,
    totalCostMicros: total,
    perCallCostMicros: perCall(total, finished.length),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    ttftP50Ms: percentile(ascending(ok.map((r) => r.ttftMs)), 0.5),
    errorRate: finished.length ? (finished.length - ok.length) / finished.length : null,
    fallbackRate: ok.length ? ok.filter((r) => r.fellBack).length / ok.length : null,
    jsonValidRate: jsonFlow && finished.length ? finished.filter((r) => r.jsonValid === true).length / finished.length : null,
    agreement: mean(ok.map((r) => r.agreement).filter((v): v is number => v !== null)),
    judgeScore: mean(ok.map((r) => r.judgeScore).filter((v): v is number => v !== null)),
    judgeCostMicros: finished.reduce((sum, r) => sum + r.judgeCostMicros, 0n),
  };
}

function isJson(text: string | null): boolean {
  if (text === null) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

export function baselineFigures(model: string, samples: BaselineRow[], jsonFlow: boolean): ModelFigures {
  const total = samples.reduce((sum, s) => sum + s.baselineCostMicros, 0n);
  const latencies = ascending(samples.map((s) => s.baselineLatencyMs));
  return {
    model,
    role: 'baseline',
    calls: samples.length,
    errors: 0,
    totalCostMicros: total,
    perCallCostMicros: perCall(total, samples.length),
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    ttftP50Ms: percentile(ascending(samples.map((s) => s.baselineTtftMs)), 0.5),
    errorRate: samples.length ? 0 : null,
    fallbackRate: samples.length ? samples.filter((s) => s.baselineFellBack).length / samples.length : null,
    jsonValidRate: jsonFlow && samples.length ? samples.filter((s) => isJson(s.baselineText)).length / samples.length : null,
    // The reference itself: agreement 1 by definition; the judge does not grade it.
    agreement: samples.length ? 1 : null,
    judgeScore: null,
    judgeCostMicros: 0n,
  };
}

/** Remaining time from the pace of the last minute (null when nothing finished lately). */
export function estimateRemainingMs(finishedAt: Array<Date | null>, remaining: number, now: number, startedAt: Date | null): number | null {
  if (remaining <= 0) return 0;
  const windowMs = 60_000;
  const since = Math.max(now - windowMs, startedAt?.getTime() ?? now - windowMs);
  const recent = finishedAt.filter((at) => at !== null && at.getTime() >= since).length;
  const elapsed = now - since;
  if (recent === 0 || elapsed <= 0) return null;
  return Math.round((remaining * elapsed) / recent);
}
