// Keyset pagination over (createdAt desc, id desc): a cursor is the position of one row, opaque to
// the client (base64url of "<epoch ms>.<id>"). createdAt is stored with millisecond precision
// (timestamp(3)), exactly what a JS Date holds, so the round trip loses nothing. The id breaks ties
// between calls of the same millisecond, which is what keeps paging stable under bursts.

export interface CallCursor {
  createdAt: Date;
  id: string;
}

export function encodeCallCursor(cursor: CallCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null for anything that is not one of ours (the first page is shown instead). */
export function decodeCallCursor(value: string | null | undefined): CallCursor | null {
  if (!value || value.length > 300 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.(.{1,200})$/s.exec(text);
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id: match[2]! };
}
