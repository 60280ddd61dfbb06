// CallRecord ⇄ one line of JSON, for the spill files. Dates travel as ISO strings and come back as
// Dates; a line that does not parse or lacks the identifying fields is reported, not thrown, so
// one torn line (kill -9 in the middle of an append) never blocks the replay of a whole file.
import type { CallRecord } from './call-record';

export function callRecordToJsonLine(record: CallRecord): string {
  return JSON.stringify(record) + '\n';
}

/** Parses one spill line; null when the line is torn or not a call record. */
export function callRecordFromJsonLine(line: string): CallRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Record<string, unknown>;
  // The minimum a row needs to be written; the sink normalizes everything else.
  if (typeof candidate.id !== 'string' || typeof candidate.userId !== 'string') return null;
  if (typeof candidate.flowName !== 'string' || typeof candidate.createdAt !== 'string') return null;
  const createdAt = new Date(candidate.createdAt);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { ...(candidate as unknown as CallRecord), createdAt };
}

/**
 * Rough size of a record in memory, for the queue's byte bound: the bodies dominate (up to 64 KB
 * each), the rest is a few hundred bytes of fields. JS strings take 2 bytes per UTF-16 unit.
 */
export function estimateRecordBytes(record: CallRecord): number {
  return (
    512 +
    2 *
      ((record.requestBody?.length ?? 0) +
        (record.responseBody?.length ?? 0) +
        (record.errorMessage?.length ?? 0)) +
    96 * (record.attempts?.length ?? 0)
  );
}
