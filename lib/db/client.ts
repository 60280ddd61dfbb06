// The one Prisma client of the process. DATABASE_URL set → PostgreSQL through @prisma/adapter-pg;
// unset → embedded PGlite in <data dir>/pglite. Kept on globalThis so the custom server (loaded by
// tsx) and Next's bundled route code share one client: two PGlite instances on one directory
// corrupt it. Created lazily: PGlite at module scope breaks `next build`.
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';
import { dataDir } from './data-dir';

export type Db = InstanceType<typeof PrismaClient>;

interface DbHolder {
  db: Promise<{ client: Db; close: () => Promise<void>; kind: 'pglite' | 'postgres' }> | undefined;
  /**
   * One PGlite per data directory per process, shared by the client and the migration engine
   * (keyed by directory so tests can use several temp dirs in one process).
   */
  pglites: Map<string, Promise<import('@electric-sql/pglite').PGlite>>;
}

const holder: DbHolder = ((globalThis as Record<symbol, unknown>)[Symbol.for('llmtest.db')] ??= {
  db: undefined,
  pglites: new Map(),
}) as DbHolder;

function embeddedDatabase(env: NodeJS.ProcessEnv) {
  const dir = path.join(dataDir(env), 'pglite');
  let pglite = holder.pglites.get(dir);
  if (!pglite) {
    pglite = (async () => {
      const { PGlite } = await import('@electric-sql/pglite');
      const instance = new PGlite(dir);
      await instance.waitReady;
      return instance;
    })();
    holder.pglites.set(dir, pglite);
    const opened = pglite;
    opened.catch(() => {
      if (holder.pglites.get(dir) === opened) holder.pglites.delete(dir);
    });
  }
  return { dir, pglite };
}

export function databaseKind(env: NodeJS.ProcessEnv = process.env): 'pglite' | 'postgres' {
  return env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** Builds the driver adapter factory for the configured database (also used by migrations). */
export async function createAdapterFactory(env: NodeJS.ProcessEnv = process.env): Promise<{
  factory: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
}> {
  if (env.DATABASE_URL) {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const factory = new PrismaPg({
      connectionString: env.DATABASE_URL,
      max: Number(env.LLMTEST_DB_POOL_SIZE || 10),
      // pg waits forever for a connection by default: a database that accepts TCP but never
      // answers would stall key lookups and call-log writes instead of failing (and spilling).
      connectionTimeoutMillis: 10_000,
    });
    return { factory, close: async () => {} };
  }
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const { dir, pglite: opened } = embeddedDatabase(env);
  const pglite = await opened;
  const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    factory,
    close: async () => {
      if (holder.pglites.get(dir) !== opened) return;
      holder.pglites.delete(dir);
      await pglite.close();
    },
  };
}

export function getDb(): Promise<Db> {
  holder.db ??= (async () => {
    const { factory, close } = await createAdapterFactory();
    const client = new PrismaClient({ adapter: factory }) as Db;
    return { client, close, kind: databaseKind() };
  })();
  return holder.db.then((h) => h.client);
}

/**
 * Disconnects and closes the embedded database (SIGTERM, CLI exit, tests), including PGlite
 * instances opened only by migrations (applyMigrations leaves them open for getDb()).
 */
export async function closeDb(): Promise<void> {
  const current = holder.db;
  holder.db = undefined;
  if (current) {
    const h = await current;
    await h.client.$disconnect();
    await h.close();
  }
  const rest = [...holder.pglites.values()];
  holder.pglites.clear();
  await Promise.allSettled(rest.map(async (p) => (await p).close()));
}

/** Closes the shared PGlite of `env`'s data directory if this process opened it (test teardown). */
export async function closeEmbeddedDatabase(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = path.join(dataDir(env), 'pglite');
  const opened = holder.pglites.get(dir);
  if (!opened) return;
  holder.pglites.delete(dir);
  await (await opened).close();
}
