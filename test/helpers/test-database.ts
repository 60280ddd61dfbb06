// A fresh, migrated, empty database per test file: a temp dir for the embedded PGlite, or a
// random-named database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
//
//   const db = useTestDatabase();            // in a test file: beforeAll/afterAll handled
//   it('…', async () => { const prisma = await getDb(); … });
//
// or by hand: const t = await createTestDatabase('postgres'); … use t.env …; await t.drop();
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, closeEmbeddedDatabase } from '../../lib/db/client';
import { applyMigrations, defaultMigrationsDir, projectRoot, readMigrationList } from '../../lib/db/migrate';

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** process.env plus DATABASE_URL (postgres) or LLMTEST_DATA_DIR without DATABASE_URL (pglite). */
  env: NodeJS.ProcessEnv;
  /** Closes this process's connections to it (closeDb() when process.env points at it) and deletes it. */
  drop(): Promise<void>;
}

/** LLMTEST_TEST_DB=pglite|postgres (default pglite). */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.LLMTEST_TEST_DB || 'pglite';
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`LLMTEST_TEST_DB must be pglite or postgres, not ${kind}`);
  return kind;
}

/** Where the test databases are created (a database with this URL's credentials, not used itself). */
export function postgresAdminUrl(): string {
  return process.env.LLMTEST_TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  return kind === 'postgres' ? createPostgresDatabase() : createPgliteDatabase();
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const { default: pg } = await import('pg');
  const name = `llmtest_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = postgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  const drop = async () => {
    if (process.env.DATABASE_URL === url) await closeDb();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  try {
    await applyMigrations({ env });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { kind: 'postgres', env, drop };
}

/**
 * A new PGlite data dir costs seconds (initdb + migrations), so a migrated template is built once
 * per migration set (in the OS temp dir, shared by test processes) and copied.
 */
async function pgliteTemplate(): Promise<string> {
  const list = await readMigrationList(defaultMigrationsDir());
  const hash = createHash('sha256');
  try {
    hash.update(readFileSync(path.join(projectRoot(), 'node_modules/@electric-sql/pglite/package.json')));
  } catch {
    // version unknown: the migrations alone key the template
  }
  for (const m of list.migrationDirectories) {
    hash.update(m.path).update(m.migrationFile.content.tag === 'ok' ? m.migrationFile.content.value : '');
  }
  const template = path.join(tmpdir(), `llmtest-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(template, 'READY'))) return template;

  const build = `${template}.build-${process.pid}-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, LLMTEST_DATA_DIR: build };
  delete env.DATABASE_URL;
  try {
    await applyMigrations({ env });
    await closeEmbeddedDatabase(env);
    writeFileSync(path.join(build, 'READY'), new Date().toISOString());
    try {
      renameSync(build, template); // atomic; loses the race harmlessly when another process won
    } catch {
      // another process installed it first
    }
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
  if (!existsSync(path.join(template, 'READY'))) throw new Error(`Could not build PGlite template ${template}`);
  return template;
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const dir = mkdtempSync(path.join(tmpdir(), 'llmtest-test-'));
  cpSync(path.join(template, 'pglite'), path.join(dir, 'pglite'), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, LLMTEST_DATA_DIR: dir };
  delete env.DATABASE_URL;
  const drop = async () => {
    if (!process.env.DATABASE_URL && process.env.LLMTEST_DATA_DIR === dir) await closeDb();
    await closeEmbeddedDatabase(env);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A no-op on the copy (a few ms once open); opens the shared PGlite that getDb() will reuse.
    await applyMigrations({ env });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { kind: 'pglite', env, drop };
}

/**
 * For a test file: creates the database in beforeAll, points process.env at it (so getDb() uses
 * it), and in afterAll closes the client, drops the database and restores process.env.
 * Read `.current` inside tests.
 */
export function useTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): { readonly current: TestDatabase } {
  let db: TestDatabase | undefined;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, LLMTEST_DATA_DIR: process.env.LLMTEST_DATA_DIR };
  beforeAll(async () => {
    await closeDb();
    db = await createTestDatabase(kind);
    for (const key of ['DATABASE_URL', 'LLMTEST_DATA_DIR'] as const) {
      if (db.env[key] === undefined) delete process.env[key];
      else process.env[key] = db.env[key];
    }
  });
  afterAll(async () => {
    await closeDb();
    await db?.drop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return {
    get current() {
      if (!db) throw new Error('useTestDatabase(): the database exists from beforeAll on');
      return db;
    },
  };
}
