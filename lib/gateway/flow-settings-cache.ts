// Flow settings are read on every call of a flow, so they are cached a few seconds per
// (user, flow). A failing lookup means "defaults", never a failed call.
import type { FlowSettings } from './types';

export interface FlowSettingsCache {
  get(userId: string, flowName: string): FlowSettings | null | Promise<FlowSettings | null>;
  /** Forget one flow's entry, so a change made on this instance applies to its next call. */
  invalidate(userId: string, flowName: string): void;
}

export function createFlowSettingsCache(options: {
  getFlowSettings: ((userId: string, flowName: string) => Promise<FlowSettings | null>) | undefined;
  now(): number;
  ttlMs: number;
  maxEntries?: number;
}): FlowSettingsCache {
  const { getFlowSettings } = options;
  if (!getFlowSettings) return { get: () => null, invalidate: () => {} };
  const entries = new Map<string, { value: FlowSettings | null; at: number; pending: Promise<FlowSettings | null> | null }>();
  const maxEntries = options.maxEntries ?? 10_000;
  return {
    get(userId, flowName) {
      const key = `${userId}\u0000${flowName}`;
      const entry = entries.get(key);
      if (entry) {
        if (entry.pending) return entry.pending;
        if (options.now() - entry.at < options.ttlMs) return entry.value;
      }
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const target = entry ?? { value: null, at: 0, pending: null };
      target.pending = getFlowSettings(userId, flowName).then(
        (value) => value,
        () => target.value,
      ).then((value) => {
        target.value = value;
        target.at = options.now();
        target.pending = null;
        return value;
      });
      entries.set(key, target);
      return target.pending;
    },
    invalidate(userId, flowName) {
      entries.delete(`${userId}\u0000${flowName}`);
    },
  };
}
