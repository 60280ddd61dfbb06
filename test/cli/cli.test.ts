// The operator CLI as a user runs it (a child process), directly on the database and through a
// running server's admin socket.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startAdminSocket } from '../../lib/admin/admin-socket';
import { keyRevocations } from '../../lib/accounts/key-revocations';
import { createUser } from '../../lib/accounts/users';
import { closeDb, closeEmbeddedDatabase, getDb } from '../../lib/db/client';
import { lockEmbeddedDatabase } from '../../lib/db/embedded-lock';
import { applyMigrations } from '../../lib/db/migrate';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/test-database';

const run = promisify(execFile);

async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/llmtest.ts', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

async function freshDatabase() {
  const db = await createTestDatabase(testDatabaseKind());
  databases.push(db);
  // The CLI is another process: this one must not keep the embedded database open.
  await closeEmbeddedDatabase(db.env);
  // Each test gets its own data dir for the admin socket (PostgreSQL has none otherwise).
  if (!db.env.LLMTEST_DATA_DIR) db.env.LLMTEST_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'cli-'));
  return db;
}

// Each CLI run is a fresh process (tsx, then the embedded database opened and checked): a few
// seconds each on a busy 2-core machine, a dozen runs per test.
describe('llmtest CLI', { timeout: 180_000 }, () => {
  it('creates users and keys, revokes by prefix, migrates, and fails clearly on bad input', async () => {
    const { env } = await freshDatabase();

    const created = await cli(env, 'user', 'create', '--email', 'ops@example.com', '--password', 'long enough');
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/^Created user ops@example.com/);

    const duplicate = await cli(env, 'user', 'create', '--email', 'OPS@example.com', '--password', 'long enough');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A user with email ops@example.com already exists.');

    const key = await cli(env, 'key', 'create', '--email', 'ops@example.com', '--name', 'deploy');
    expect(key.code).toBe(0);
    const lastLine = key.stdout.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^llmt_[0-9A-Za-z]{43}$/);

    const missing = await cli(env, 'key', 'create', '--email', 'ghost@example.com');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user with email ghost@example.com.');

    const badFlag = await cli(env, 'key', 'create', '--mail', 'ops@example.com');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("Unknown option '--mail'");
    expect((await cli(env, 'key', 'create')).stderr).toContain('Missing --email.');
    expect((await cli(env, 'frobnicate')).code).toBe(2);

    const revoke = await cli(env, 'key', 'revoke', '--prefix', lastLine.slice(0, 13));
    expect(revoke).toMatchObject({ code: 0 });
    expect(revoke.stdout).toContain(`Revoked key ${lastLine.slice(0, 13)}`);
    expect((await cli(env, 'key', 'revoke', '--prefix', lastLine)).stdout).toContain('already revoked');
    expect((await cli(env, 'key', 'revoke', '--prefix', 'llmt_nope1234')).code).toBe(1);

    expect((await cli(env, 'migrate')).stdout).toContain('Database is up to date.');
  });

  it('goes through the running server when it owns the database, and a revocation takes effect at once', async () => {
    const { env } = await freshDatabase();
    const saved = { DATABASE_URL: process.env.DATABASE_URL, LLMTEST_DATA_DIR: process.env.LLMTEST_DATA_DIR };
    process.env.LLMTEST_DATA_DIR = env.LLMTEST_DATA_DIR;
    if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
    else delete process.env.DATABASE_URL;
    // Play the server: own the database (lock + open) and listen on the admin socket.
    const release = env.DATABASE_URL ? () => {} : lockEmbeddedDatabase(env.LLMTEST_DATA_DIR!);
    const socket = await startAdminSocket(env.LLMTEST_DATA_DIR!, { db: getDb, migrate: () => applyMigrations() });
    try {
      await createUser(await getDb(), { email: 'live@example.com', password: 'long enough' });
      const key = (await cli(env, 'key', 'create', '--email', 'live@example.com')).stdout.trimEnd().split('\n').at(-1)!;
      expect(key).toMatch(/^llmt_/);

      const revokedHashes: string[] = [];
      const listener = (hash: string) => revokedHashes.push(hash);
      keyRevocations.on('revoked', listener);
      const revoke = await cli(env, 'key', 'revoke', '--prefix', key.slice(0, 13));
      keyRevocations.off('revoked', listener);
      expect(revoke).toMatchObject({ code: 0 });
      // The server process heard it: its key cache drops the key before the CLI even exits.
      expect(revokedHashes).toHaveLength(1);
      const row = await (await getDb()).apiKey.findFirstOrThrow({ where: { prefix: key.slice(0, 13) } });
      expect(row.revokedAt).not.toBeNull();
    } finally {
      socket.close();
      await closeDb();
      release();
      Object.assign(process.env, saved);
      if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    }
  });
});
