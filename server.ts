// The production (and dev) server: one process serving the gateway and the dashboard.
// `/v1/*` is answered here with node:http before Next's router (a Next route handler tops out near
// 1,000 req/s and adds ~48 ms at 50 connections on this machine; node:http in front reaches ~13,900
// req/s, +3 ms: see shared/docs/platform-notes.md). Every other request goes to Next's handler.
// Order matters: secrets → database lock → migrations → writers → listen.
import http from 'node:http';
import { parse } from 'node:url';
import next from 'next';
import { startAdminSocket } from './lib/admin/admin-socket';
import { ensureInstanceSecrets } from './lib/config/instance-secrets';
import { closeDb, databaseKind, getDb } from './lib/db/client';
import { dataDir } from './lib/db/data-dir';
import { lockEmbeddedDatabase } from './lib/db/embedded-lock';
import { applyMigrations } from './lib/db/migrate';
import { closeAppServices, getAppServices } from './lib/server/app-services';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '0.0.0.0';

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const dir = dataDir();
  ensureInstanceSecrets(dir);
  const kind = databaseKind();
  if (kind === 'pglite') lockEmbeddedDatabase(dir);

  const started = performance.now();
  const { applied } = await applyMigrations();
  console.log(
    `[llmtest] database: ${kind === 'pglite' ? `embedded (${dir}/pglite)` : 'PostgreSQL (DATABASE_URL)'}; ` +
      `${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'} in ${Math.round(performance.now() - started)} ms`,
  );
  await getDb();
  // The gateway and the call-log writer (which replays any spill files left by a crash) exist
  // before the first request: requests answered before Next's router do not wait for Next.
  const { gateway } = await getAppServices();

  const adminSocket = await startAdminSocket(dir, { db: getDb, migrate: () => applyMigrations() });

  const nextApp = next({ dev, hostname: 'localhost', port });
  const nextHandler = nextApp.getRequestHandler();
  await nextApp.prepare();

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/v1/') || url === '/v1') void gateway.handleNode(req, res);
    else void nextHandler(req, res, parse(url, true));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`[llmtest] ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[llmtest] ${signal}: closing`);
    // Stop accepting, let in-flight requests finish (bounded), then flush and close the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
    adminSocket.close();
    // Every acknowledged call reaches the database, or the spill file when it does not answer.
    await closeAppServices();
    await closeDb();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('[llmtest] failed to start:', error);
  process.exit(1);
});
