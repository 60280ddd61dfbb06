// Migrations without the Prisma CLI's native engine: Prisma's own schema engine (wasm) applies
// prisma/migrations to PostgreSQL or the embedded PGlite and writes standard `_prisma_migrations`
// rows, so `prisma migrate deploy` can take over on a machine that can download the engine.
//
//   applyMigrations()        server start / `npm run db:migrate`
//   createMigration(name)    `npm run db:migration -- --name x`
//   checkSchemaDrift()       test/db/schema-drift.test.ts
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm';
import { createAdapterFactory, databaseKind } from '../client';
import { emptySchemaFilter, withSchemaEngine } from './engine';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  MIGRATION_LOCK_CONTENTS,
  MIGRATION_LOCK_FILE,
  readMigrationList,
  readSchemaFiles,
} from './files';

export { loadEngineRuntime, withSchemaEngine } from './engine';
export { defaultMigrationsDir, defaultSchemaPath, projectRoot, readMigrationList } from './files';

/** process.env or a plain object (NODE_ENV is not required). */
export type DbEnv = NodeJS.ProcessEnv | Record<string, string | undefined>;

export interface ApplyMigrationsOptions {
  env?: DbEnv;
  migrationsDir?: string;
  /** PostgreSQL only: how long to wait for another instance's migration lock (default 5 min). */
  lockTimeoutMs?: number;
}

/** Session advisory lock taken around applying on PostgreSQL (distinct from Prisma's own key). */
export const MIGRATION_ADVISORY_LOCK_KEY = 7_206_861_117_460_591n;

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

interface AppliedRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * True when every local migration has a finished, non-rolled-back row and no migration is in a
 * failed state: nothing for the engine to do (checksum mismatches are warnings for the engine too).
 */
function upToDate(list: MigrationList, rows: AppliedRow[] | null): boolean {
  if (!rows) return list.migrationDirectories.length === 0;
  const done = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at == null) return false; // failed migration: let the engine report it
    done.add(row.migration_name);
  }
  return list.migrationDirectories.every((m) => done.has(m.path));
}

const APPLIED_SQL =
  'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at';
const HAS_TABLE_SQL = `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`;

async function appliedRowsViaAdapter(factory: SqlMigrationAwareDriverAdapterFactory): Promise<AppliedRow[] | null> {
  const adapter = await factory.connect();
  try {
    const has = await adapter.queryRaw({ sql: HAS_TABLE_SQL, args: [], argTypes: [] });
    if (!has.rows[0]?.[0]) return null;
    const result = await adapter.queryRaw({ sql: APPLIED_SQL, args: [], argTypes: [] });
    return result.rows.map(([migration_name, finished_at, rolled_back_at]) => ({
      migration_name: String(migration_name),
      finished_at,
      rolled_back_at,
    }));
  } finally {
    await adapter.dispose();
  }
}

async function runApply(factory: SqlMigrationAwareDriverAdapterFactory, list: MigrationList): Promise<string[]> {
  if (list.migrationDirectories.length === 0) return [];
  return withSchemaEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: list, filters: emptySchemaFilter });
    return out.appliedMigrationNames;
  });
}

/**
 * Applies the pending migrations of `migrationsDir` (default prisma/migrations) to the database
 * configured by `env` (DATABASE_URL → PostgreSQL, else the embedded PGlite under
 * LLMTEST_DATA_DIR). A no-op is answered from `_prisma_migrations` without loading the engine.
 *
 * PGlite: uses the process's shared instance (createAdapterFactory) and leaves it open for
 * getDb(); call closeDb() before exiting. PostgreSQL: instances starting together serialize on a
 * session advisory lock held on a dedicated connection; the one that waited then finds nothing to do.
 */
export async function applyMigrations(options: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const env = (options.env ?? process.env) as NodeJS.ProcessEnv;
  const list = await readMigrationList(options.migrationsDir ?? defaultMigrationsDir());

  if (databaseKind(env) === 'pglite') {
    const { factory } = await createAdapterFactory(env);
    if (upToDate(list, await appliedRowsViaAdapter(factory))) return { applied: [] };
    return { applied: await runApply(factory, list) };
  }

  const { default: pg } = await import('pg');
  const lockClient = new pg.Client({ connectionString: env.DATABASE_URL });
  await lockClient.connect();
  try {
    const applied = async () => {
      const has = await lockClient.query(HAS_TABLE_SQL);
      if (!has.rows[0]?.present) return null;
      return (await lockClient.query<AppliedRow>(APPLIED_SQL)).rows;
    };
    if (upToDate(list, await applied())) return { applied: [] };
    await lockClient.query(`SET lock_timeout = ${Math.max(1, Math.floor(options.lockTimeoutMs ?? 300_000))}`);
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_ADVISORY_LOCK_KEY.toString()]);
    try {
      if (upToDate(list, await applied())) return { applied: [] };
      const { factory, close } = await createAdapterFactory({ ...env, LLMTEST_DB_POOL_SIZE: '2' });
      try {
        return { applied: await runApply(factory, list) };
      } finally {
        await close();
      }
    } finally {
      await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_ADVISORY_LOCK_KEY.toString()]).catch(() => {});
    }
  } finally {
    await lockClient.end().catch(() => {});
  }
}

/**
 * Replays `list` into a fresh in-memory PGlite (the shadow database) and returns the SQL that
 * takes it to `schema`, or null when they match.
 */
export async function diffMigrationsToSchema(list: MigrationList, schema: SchemaContainer[]): Promise<string | null> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const shadow = new PGlite();
  try {
    await shadow.waitReady;
    const factory = new PrismaPGlite(shadow) as unknown as SqlMigrationAwareDriverAdapterFactory;
    return await withSchemaEngine(factory, async (engine) => {
      if (list.migrationDirectories.length > 0) {
        await engine.applyMigrations({ migrationsList: list, filters: emptySchemaFilter });
      }
      const diff = await engine.diff({
        from: { tag: 'schemaDatasource', files: schema, configDir: path.dirname(schema[0]?.path ?? '.') },
        to: { tag: 'schemaDatamodel', files: schema },
        script: true,
        exitCode: true,
        filters: emptySchemaFilter,
      });
      // With exitCode: true the engine answers 0 for an empty diff and 2 for a non-empty one.
      if (diff.exitCode === 0 || !diff.stdout?.trim()) return null;
      return diff.stdout;
    });
  } finally {
    await shadow.close();
  }
}

export interface MigrationPaths {
  migrationsDir?: string;
  schemaPath?: string;
}

/** null when prisma/migrations produce exactly prisma/schema.prisma, else the missing SQL. */
export async function checkSchemaDrift(options: MigrationPaths = {}): Promise<string | null> {
  const [list, schema] = await Promise.all([
    readMigrationList(options.migrationsDir ?? defaultMigrationsDir()),
    readSchemaFiles(options.schemaPath ?? defaultSchemaPath()),
  ]);
  return diffMigrationsToSchema(list, schema);
}

export function sanitizeMigrationName(name: string): string {
  const clean = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!clean) throw new Error(`Invalid migration name ${JSON.stringify(name)}: use letters, digits and _`);
  return clean.slice(0, 200);
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14); // YYYYMMDDHHMMSS, UTC
}

function parseTimestamp(ts: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(ts);
  if (!m) return new Date(0);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

export interface CreatedMigration {
  /** Directory name, e.g. 20261125103000_init */
  name: string;
  dir: string;
  sql: string;
}

/**
 * Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the
 * existing migrations to prisma/schema.prisma (and migration_lock.toml when missing). Returns null
 * and writes nothing when there is nothing to do.
 */
export async function createMigration(
  name: string,
  options: MigrationPaths & { now?: Date } = {},
): Promise<CreatedMigration | null> {
  const slug = sanitizeMigrationName(name);
  const migrationsDir = path.resolve(options.migrationsDir ?? defaultMigrationsDir());
  const schemaPath = options.schemaPath ?? defaultSchemaPath();
  if (!existsSync(schemaPath)) throw new Error(`Prisma schema not found: ${schemaPath}`);
  const [list, schema] = await Promise.all([readMigrationList(migrationsDir), readSchemaFiles(schemaPath)]);
  const sql = await diffMigrationsToSchema(list, schema);
  if (sql === null) return null;

  // Keep the new directory sorted last even if the clock says otherwise (two within one second).
  let when = options.now ?? new Date();
  const existing = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const last = existing.at(-1);
  if (last && timestamp(when) <= last.slice(0, 14)) when = new Date(parseTimestamp(last).getTime() + 1000);

  const dirName = `${timestamp(when)}_${slug}`;
  const dir = path.join(migrationsDir, dirName);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_CONTENTS);
  return { name: dirName, dir, sql };
}
