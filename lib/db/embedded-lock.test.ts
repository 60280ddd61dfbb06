import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError, lockEmbeddedDatabase } from './embedded-lock';

describe('embedded database lock', () => {
  it('refuses a second owner while the first lives, and frees the directory on release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lock-'));
    // A live process other than us holds it: our parent.
    writeFileSync(path.join(dir, 'pglite.lock'), String(process.ppid));
    expect(() => lockEmbeddedDatabase(dir)).toThrow(DatabaseLockedError);
  });

  it('takes over a lock left by a dead process', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, 'pglite.lock'), dead);
    const release = lockEmbeddedDatabase(dir);
    release();
    expect(existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
  });
});
