// Calls with known figures for the flows tests, written with createMany (one INSERT statement,
// like the call-log sink's batches), plus an oracle that computes every figure from the array.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../lib/db/client';

export interface SeedCall {
  id: string;
  userId: string;
  flowId: string;
  createdAt: Date;
  requestedModel: string;
  servedModel: string | null;
  status: 'ok' | 'error' | 'cancelled';
  fellBack: boolean;
  jsonRepaired: boolean;
  costMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  source: 'production' | 'benchmark';
}

export async function createUserWithFlows(db: Db, email: string, flowNames: string[]) {
  const user = await db.user.create({ data: { email } });
  const flows: Record<string, string> = {};
  for (const name of flowNames) flows[name] = (await db.flow.create({ data: { userId: user.id, name } })).id;
  return { userId: user.id, flows };
}

let counter = 0;
export function seedCall(fields: Partial<SeedCall> & Pick<SeedCall, 'userId' | 'flowId' | 'createdAt'>): SeedCall {
  counter += 1;
  return {
    id: `call_${counter}_${randomBytes(3).toString('hex')}`,
    requestedModel: 'gpt-4o-mini',
    servedModel: 'gpt-4o-mini',
    status: 'ok',
    fellBack: false,
    jsonRepaired: false,
    costMicros: 100n,
    latencyMs: 100,
    ttftMs: null,
    source: 'production',
    ...fields,
  };
}

export async function insertCalls(db: Db, calls: SeedCall[]): Promise<void> {
  await db.callLog.createMany({ data: calls.map((c) => ({ ...c, httpStatus: c.status === 'ok' ? 200 : 502 })) });
}

/** percentile_disc as PostgreSQL defines it: the value at position ceil(f * n) of the sorted set. */
export function percentileDisc(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

/** Every figure of one flow (or all flows of the user) over [from, to), from the array alone. */
export function oracle(calls: SeedCall[], filter: { userId: string; flowId?: string; from: Date; to: Date }) {
  const inRange = calls.filter(
    (c) =>
      c.userId === filter.userId &&
      (!filter.flowId || c.flowId === filter.flowId) &&
      c.source === 'production' &&
      c.createdAt >= filter.from &&
      c.createdAt < filter.to,
  );
  const byModel = new Map<string, { calls: number; costMicros: bigint }>();
  for (const c of inRange) {
    const model = c.servedModel ?? c.requestedModel;
    const entry = byModel.get(model) ?? { calls: 0, costMicros: 0n };
    entry.calls += 1;
    entry.costMicros += c.costMicros;
    byModel.set(model, entry);
  }
  const ttfts = inRange.flatMap((c) => (c.ttftMs === null ? [] : [c.ttftMs]));
  return {
    calls: inRange.length,
    errors: inRange.filter((c) => c.status === 'error').length,
    cancelled: inRange.filter((c) => c.status === 'cancelled').length,
    fallbacks: inRange.filter((c) => c.fellBack).length,
    jsonRepaired: inRange.filter((c) => c.jsonRepaired).length,
    costMicros: inRange.reduce((sum, c) => sum + c.costMicros, 0n),
    latencyP50Ms: percentileDisc(inRange.map((c) => c.latencyMs), 0.5),
    latencyP95Ms: percentileDisc(inRange.map((c) => c.latencyMs), 0.95),
    ttftP50Ms: percentileDisc(ttfts, 0.5),
    lastCallAt: inRange.length ? new Date(Math.max(...inRange.map((c) => c.createdAt.getTime()))) : null,
    byModel,
  };
}
