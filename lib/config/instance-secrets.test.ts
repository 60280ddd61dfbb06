import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureInstanceSecrets } from './instance-secrets';

describe('instance secrets', () => {
  it('generates missing secrets once, keeps them 0600 in the data dir, and reuses them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    const logs: string[] = [];
    const first: Record<string, string | undefined> = {};
    ensureInstanceSecrets(dir, first, (l) => logs.push(l));
    expect(first.AUTH_SECRET).toMatch(/^[\w-]{43}$/);
    expect(first.LLMTEST_SECRET).toMatch(/^[\w-]{43}$/);
    expect(first.AUTH_SECRET).not.toBe(first.LLMTEST_SECRET);
    expect(statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(logs[0]).toContain('generated AUTH_SECRET and LLMTEST_SECRET');

    const second: Record<string, string | undefined> = {};
    ensureInstanceSecrets(dir, second, (l) => logs.push(l));
    expect(second).toEqual(first);
    expect(logs[1]).toContain('using AUTH_SECRET and LLMTEST_SECRET');
  });

  it('leaves secrets set in the environment alone and writes nothing for them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    const env: Record<string, string | undefined> = { AUTH_SECRET: 'from-env', LLMTEST_SECRET: 'also-from-env' };
    const logs: string[] = [];
    ensureInstanceSecrets(dir, env, (l) => logs.push(l));
    expect(env).toEqual({ AUTH_SECRET: 'from-env', LLMTEST_SECRET: 'also-from-env' });
    expect(logs).toEqual([]);
    expect(() => readFileSync(path.join(dir, 'secrets.json'))).toThrow();
  });
});
