// Sends billed usage to Stripe as Billing Meter events, in the background of the server process.
//
//   call log INSERT ──trigger──▶ UsageOutbox rows          (same transaction as the calls)
//   every reportIntervalMs:  claim ──▶ UsageReport rows     (one statement: identifier fixed)
//                            send  ──▶ POST /v1/billing/meter_events, one per report
//                                      identifier = Idempotency-Key = UsageReport.id
//                            mark  ──▶ sentAt
//
// Exactly once: the identifier is stored before the first send and never changes, so a retry,
// a response lost in transit, or a crash between Stripe's answer and our UPDATE resends the same
// identifier, which Stripe deduplicates (and the Idempotency-Key replays the first answer). A
// duplicate-identifier refusal is taken as "already delivered". Stripe being down only delays:
// reports stay unsent (with backoff per report) and the outbox keeps filling, in the database.
// Nothing on the request path waits for any of this.
//
// Unit: the meter value is the billed amount in integer micro-dollars (model cost + platform
// fee, 1 unit = $0.000001); the metered price charges 0.0001 cent per unit.
import type { Db } from '../db/client';
import type { BillingConfig } from './billing-config';
import { claimUsage } from './queries/claim-usage';
import type { StripeClient } from './stripe-client';

export interface UsageReporterOptions {
  db: Db;
  stripe: StripeClient;
  config: BillingConfig;
  logger?: { info(message: string, details?: unknown): void; error(message: string, details?: unknown): void };
  now?(): number;
  /** Reports sent per tick (default 500). */
  maxSendsPerTick?: number;
  /** Meter events in flight at once (default 4). */
  concurrency?: number;
  /** How long close() waits for a pass in progress (default 5 000 ms). */
  closeWaitMs?: number;
  /** Backoff before a failed report is sent again (default retryDelayMs below). */
  retryDelayMs?(attempts: number): number;
}

export interface UsageReporterStats {
  ticks: number;
  claimedRows: number;
  reportsCreated: number;
  sent: number;
  duplicates: number;
  failedAttempts: number;
  permanentFailures: number;
  lastError: string | null;
}

export interface UsageReporter {
  /** Starts the loop (first tick right away). */
  start(): void;
  /** One claim + send pass (tests, and the loop itself). */
  tick(): Promise<void>;
  /**
   * Stops the loop and waits (at most closeWaitMs, default 5 s) for the pass in progress. A send
   * cut short is safe: its report stays unsent and goes again, same identifier, at the next start.
   */
  close(): Promise<void>;
  stats(): UsageReporterStats;
}

const consoleLogger = {
  info: (message: string, details?: unknown) => console.log(`[billing] ${message}`, details ?? ''),
  error: (message: string, details?: unknown) => console.error(`[billing] ${message}`, details ?? ''),
};

/** Backoff per report: 2 s doubling to 5 min (Stripe outage), then every 5 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

interface StripeLikeError {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Stripe refuses a meter event whose identifier it has already accepted: it was delivered. */
export function isDuplicateIdentifier(error: StripeLikeError): boolean {
  return error.statusCode === 400 && (error.code === 'resource_already_exists' || /identifier/i.test(error.message ?? '') && /already|duplicate/i.test(error.message ?? ''));
}

/** 4xx other than 409/429 will not succeed by retrying (bad customer, timestamp too old, …). */
function isPermanent(error: StripeLikeError): boolean {
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429 && status !== 401 && status !== 403;
}

export function createUsageReporter(options: UsageReporterOptions): UsageReporter {
  const { db, stripe, config } = options;
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const maxSends = options.maxSendsPerTick ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const counters: UsageReporterStats = { ticks: 0, claimedRows: 0, reportsCreated: 0, sent: 0, duplicates: 0, failedAttempts: 0, permanentFailures: 0, lastError: null };
  const backoff = options.retryDelayMs ?? retryDelayMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let running: Promise<void> | null = null;
  let closed = false;
  let warnedNoSetup = false;

  async function meterEventName(): Promise<string | null> {
    const setup = await db.billingStripeSetup.findUnique({ where: { id: 'default' } });
    return setup?.meterEventName ?? null;
  }

  async function send(report: { id: string; stripeCustomerId: string; valueMicros: bigint; createdAt: Date; attempts: number }, eventName: string): Promise<void> {
    try {
      await stripe.billing.meterEvents.create(
        {
          event_name: eventName,
          payload: { stripe_customer_id: report.stripeCustomerId, value: report.valueMicros.toString() },
          identifier: report.id,
          // When the usage was claimed (fixed with the identifier), not when it is finally sent.
          timestamp: Math.floor(report.createdAt.getTime() / 1000),
        },
        { idempotencyKey: report.id },
      );
      await db.usageReport.update({ where: { id: report.id }, data: { sentAt: new Date(now()), attempts: { increment: 1 }, lastError: null } });
      counters.sent += 1;
    } catch (thrown) {
      const error = thrown as StripeLikeError;
      if (isDuplicateIdentifier(error)) {
        await db.usageReport.update({ where: { id: report.id }, data: { sentAt: new Date(now()), attempts: { increment: 1 }, lastError: 'duplicate identifier: already delivered' } });
        counters.duplicates += 1;
        return;
      }
      counters.failedAttempts += 1;
      const message = `${error.statusCode ?? 'network'} ${error.code ?? error.type ?? ''} ${error.message ?? String(thrown)}`.trim().slice(0, 500);
      counters.lastError = message;
      const permanent = isPermanent(error);
      if (permanent) counters.permanentFailures += 1;
      await db.usageReport.update({
        where: { id: report.id },
        data: {
          attempts: { increment: 1 },
          lastError: message,
          nextAttemptAt: new Date(now() + backoff(report.attempts + 1)),
          ...(permanent ? { failedAt: new Date(now()) } : {}),
        },
      });
      if (permanent) logger.error('Stripe refused a meter event; it will not be retried', { report: report.id, error: message });
    }
  }

  async function pass(): Promise<void> {
    counters.ticks += 1;
    const eventName = await meterEventName();
    if (!eventName) {
      if (!warnedNoSetup) logger.info('usage is kept in the outbox until `llmtest billing setup` has run');
      warnedNoSetup = true;
      return;
    }
    const claimed = await claimUsage(db, config.feeBasisPoints);
    counters.claimedRows += claimed.rows;
    counters.reportsCreated += claimed.reports;
    const due = await db.usageReport.findMany({
      where: { sentAt: null, failedAt: null, nextAttemptAt: { lte: new Date(now()) } },
      orderBy: { createdAt: 'asc' },
      take: maxSends,
      select: { id: true, stripeCustomerId: true, valueMicros: true, createdAt: true, attempts: true },
    });
    let next = 0;
    const worker = async () => {
      while (next < due.length && !closed) await send(due[next++]!, eventName);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }

  function tick(): Promise<void> {
    running ??= pass()
      .catch((error: unknown) => {
        counters.lastError = (error as Error).message;
        logger.error('usage report pass failed (will retry)', { error: (error as Error).message });
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      void tick().then(schedule);
    }, config.reportIntervalMs);
    timer.unref?.();
  }

  return {
    start() {
      if (closed || started) return;
      started = true;
      void tick().then(schedule);
    },
    tick,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (!running) return;
      let wait: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([running, new Promise<void>((resolve) => (wait = setTimeout(resolve, options.closeWaitMs ?? 5_000)))]);
      clearTimeout(wait);
    },
    stats: () => ({ ...counters }),
  };
}
