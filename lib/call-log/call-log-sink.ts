// Where the call-log writer puts batches. The writer owns batching, retries and spilling; a sink
// only writes one batch, all or nothing, and says whether a failure is worth retrying.
import type { CallRecord } from './call-record';

export interface CallLogSinkResult {
  /** Rows actually inserted (duplicates of an already-written id are not counted). */
  inserted: number;
  /** Records ignored because their user no longer exists (their logs were cascade-deleted). */
  unknownUser?: number;
}

export interface CallLogSink {
  /**
   * Writes the batch atomically (one transaction) and idempotently: a record whose id is already
   * stored is skipped, so a replay after a crash or a timed-out write never duplicates a row.
   */
  write(records: readonly CallRecord[]): Promise<CallLogSinkResult | void>;
  /**
   * True when retrying the same batch can never succeed (bad data, not an unreachable database).
   * The writer then bisects the batch to isolate the offending records instead of retrying
   * forever. Absent → every failure is treated as transient.
   */
  isPermanentError?(error: unknown): boolean;
}
