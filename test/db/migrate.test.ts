// applyMigrations against a fresh PGlite dir and a fresh PostgreSQL database; createTestDatabase.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createAdapterFactory, getDb } from '../../lib/db/client';
import { applyMigrations, defaultMigrationsDir, migrationChecksum, readMigrationList } from '../../lib/db/migrate';
import { createTestDatabase, postgresAdminUrl } from '../helpers/test-database';

const EXPECTED_TABLES = ['Account', 'ApiKey', 'CallLog', 'Flow', 'Session', 'User', 'VerificationToken', '_prisma_migrations'];

function localMigrations() {
  const dir = defaultMigrationsDir();
  return readMigrationList(dir).then((list) =>
    list.migrationDirectories.map((m) => ({
      name: m.path,
      checksum: migrationChecksum(readFileSync(path.join(dir, m.path, 'migration.sql'), 'utf8')),
    })),
  );
}

type Query = (sql: string) => Promise<unknown[][]>;

async function assertMigrated(query: Query) {
  const tables = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r[0]);
  expect(tables).toEqual(expect.arrayContaining(EXPECTED_TABLES));
  const rows = await query(
    'SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NULL, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
  );
  const expected = await localMigrations();
  expect(expected.length).toBeGreaterThan(0);
  expect(rows).toEqual(expected.map((m) => [m.name, m.checksum, true, true, 1]));
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`[timing] ${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

describe('applyMigrations on a new PGlite dir', () => {
  let dataDir = '';
  let env = {} as NodeJS.ProcessEnv;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, LLMTEST_DATA_DIR: process.env.LLMTEST_DATA_DIR };
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'llmtest-migrate-'));
    env = { ...process.env, LLMTEST_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
  });
  afterAll(async () => {
    await closeDb();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });

  it('applies every migration, records checksums, then is a no-op, and getDb() shares the instance', async () => {
    const names = (await localMigrations()).map((m) => m.name);
    expect(await timed('pglite apply (new dir)', () => applyMigrations({ env }))).toEqual({ applied: names });
    expect(await timed('pglite no-op', () => applyMigrations({ env }))).toEqual({ applied: [] });

    const { factory } = await createAdapterFactory(env);
    const adapter = await factory.connect();
    await assertMigrated(async (sql) => (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows);

    delete process.env.DATABASE_URL;
    process.env.LLMTEST_DATA_DIR = dataDir;
    const db = await getDb();
    await db.user.create({ data: { email: 'a@example.com' } });
    expect(await db.user.count()).toBe(1);
    // the migration path sees the client's write: one PGlite instance, not two
    const count = await adapter.queryRaw({ sql: 'SELECT count(*)::int FROM "User"', args: [], argTypes: [] });
    expect(count.rows[0][0]).toBe(1);
    await closeDb();

    expect(await timed('pglite no-op (reopen dir)', () => applyMigrations({ env }))).toEqual({ applied: [] });
    await closeDb();
  });
});

describe('applyMigrations on a new PostgreSQL database', () => {
  const adminUrl = postgresAdminUrl();
  const created: string[] = [];
  const admin = new pg.Client({ connectionString: adminUrl });
  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  async function newDatabase(): Promise<string> {
    const name = `llmtest_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    created.push(name);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  it('applies, records checksums, then is a no-op', async () => {
    const url = await newDatabase();
    const names = (await localMigrations()).map((m) => m.name);
    expect(await timed('postgres apply', () => applyMigrations({ env: { DATABASE_URL: url } }))).toEqual({ applied: names });
    expect(await timed('postgres no-op', () => applyMigrations({ env: { DATABASE_URL: url } }))).toEqual({ applied: [] });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await assertMigrated(async (sql) => (await c.query({ text: sql, rowMode: 'array' })).rows);
    } finally {
      await c.end();
    }
  });

  it('two instances starting at once apply each migration once', async () => {
    const url = await newDatabase();
    const names = (await localMigrations()).map((m) => m.name);
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations({ env: { DATABASE_URL: url } })));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const rows = (await c.query('SELECT migration_name FROM "_prisma_migrations"')).rows;
      expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
    } finally {
      await c.end();
    }
  });

  it('a failing migration is recorded as failed, rolled back, and blocks later applies', async () => {
    const url = await newDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'llmtest-migs-'));
    try {
      writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
      for (const [name, sql] of [
        ['20200101000000_a', 'CREATE TABLE "A" (id int);\n'],
        ['20200101000001_b', 'CREATE TABLE "B" (id int);\nSELECT nope FROM missing_table;\n'],
      ]) {
        mkdirSync(path.join(dir, name));
        writeFileSync(path.join(dir, name, 'migration.sql'), sql);
      }
      await expect(applyMigrations({ env: { DATABASE_URL: url }, migrationsDir: dir })).rejects.toThrow(/missing_table/);
      await expect(applyMigrations({ env: { DATABASE_URL: url }, migrationsDir: dir })).rejects.toThrow(/failed/);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const rows = (await c.query('SELECT migration_name, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY 1')).rows;
        expect(rows).toEqual([
          { migration_name: '20200101000000_a', done: true },
          { migration_name: '20200101000001_b', done: false },
        ]);
        expect((await c.query(`SELECT to_regclass('"B"') AS b`)).rows[0].b).toBeNull();
      } finally {
        await c.end();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(['pglite', 'postgres'] as const)('createTestDatabase(%s)', (kind) => {
  it('makes a fresh migrated database and drops it', async () => {
    const t = await timed(`createTestDatabase(${kind})`, () => createTestDatabase(kind));
    const saved = { DATABASE_URL: process.env.DATABASE_URL, LLMTEST_DATA_DIR: process.env.LLMTEST_DATA_DIR };
    try {
      expect(t.kind).toBe(kind);
      if (kind === 'postgres') expect(t.env.DATABASE_URL).toMatch(/\/llmtest_test_[0-9a-f]+$/);
      else expect(t.env.DATABASE_URL).toBeUndefined();
      for (const k of ['DATABASE_URL', 'LLMTEST_DATA_DIR'] as const) {
        if (t.env[k] === undefined) delete process.env[k];
        else process.env[k] = t.env[k];
      }
      const db = await getDb();
      expect(await db.user.count()).toBe(0);
      expect(await db.flow.count()).toBe(0);
    } finally {
      await t.drop();
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    if (kind === 'pglite') expect(existsSync(t.env.LLMTEST_DATA_DIR!)).toBe(false);
    else {
      const c = new pg.Client({ connectionString: postgresAdminUrl() });
      await c.connect();
      const name = new URL(t.env.DATABASE_URL!).pathname.slice(1);
      const left = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
      await c.end();
      expect(left).toBe(0);
    }
  });
});
