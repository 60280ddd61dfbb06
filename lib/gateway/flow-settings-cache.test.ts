import { describe, expect, it } from 'vitest';
import { createFlowSettingsCache } from './flow-settings-cache';

describe('flow settings cache', () => {
  it('returns null without a lookup function', () => {
    expect(createFlowSettingsCache({ getFlowSettings: undefined, now: () => 0, ttlMs: 1000 }).get('u', 'f')).toBeNull();
  });

  it('caches per (user, flow) for the TTL, single-flights, and treats failures as defaults', async () => {
    let time = 0;
    let calls = 0;
    let fail = false;
    const cache = createFlowSettingsCache({
      getFlowSettings: async (userId, flow) => {
        calls++;
        if (fail) throw new Error('db down');
        return { modelOverride: `${userId}:${flow}`, fallbackChain: [] };
      },
      now: () => time,
      ttlMs: 1_000,
    });
    const [a, b] = await Promise.all([cache.get('u', 'f'), cache.get('u', 'f')]);
    expect(a).toEqual({ modelOverride: 'u:f', fallbackChain: [] });
    expect(b).toBe(a);
    expect(calls).toBe(1);
    expect(cache.get('u', 'f')).toBe(a); // synchronous hit
    await cache.get('u', 'g');
    expect(calls).toBe(2);
    time += 1_001;
    fail = true;
    expect(await cache.get('u', 'f')).toBe(a); // a failed refresh keeps the last value
    expect(await cache.get('v', 'f')).toBeNull();
  });
});
