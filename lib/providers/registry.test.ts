import { describe, expect, it } from 'vitest';
import { providerEnvVar } from './config';
import { getProviderAdapter } from './registry';
import type { ProviderId } from './types';

describe('getProviderAdapter', () => {
  it('returns an adapter with the matching id for every provider', () => {
    for (const id of Object.keys(providerEnvVar) as ProviderId[]) expect(getProviderAdapter(id).id).toBe(id);
  });
  it('throws on an unknown id', () => {
    expect(() => getProviderAdapter('nope' as ProviderId)).toThrow(/unknown provider/);
  });
});
