// Revoking a key must take effect at once in this process: the gateway's key cache listens here.
// Other instances see the revocation through the cache's short TTL (≤ 5 s).
import { EventEmitter } from 'node:events';

export const keyRevocations: EventEmitter = ((globalThis as Record<symbol, unknown>)[Symbol.for('llmtest.keyRevocations')] ??=
  new EventEmitter()) as EventEmitter;

export function announceKeyRevoked(keyHash: string): void {
  keyRevocations.emit('revoked', keyHash);
}
