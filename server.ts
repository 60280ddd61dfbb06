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
import { handleClientError } from './lib/server/handle-client-error';

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

  // Slow or silent clients (slowloris) must not hold sockets: a request's headers must arrive
  // within headersTimeout and its whole body within requestTimeout (408 otherwise), checked every
  // connectionsCheckingInterval. Neither limits a response, so long streams are unaffected, and
  // idle keep-alive sockets are governed by keepAliveTimeout alone (above load balancers' 60 s).
  const headersTimeout = positiveMs('LLMTEST_HTTP_HEADERS_TIMEOUT_MS', 20_000);
  const requestTimeout = Math.max(headersTimeout, positiveMs('LLMTEST_HTTP_REQUEST_TIMEOUT_MS', 120_000));
  let stopping = false;
  const server = http.createServer(
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(5_000, headersTimeout) },
    (req, res) => {
      // Shutting down: keep-alive clients would otherwise send request after request on their
      // open sockets, server.close() would never complete, and the grace period would end with
      // calls cut mid-flight. "Connection: close" makes each socket end after its current answer.
      if (stopping) res.setHeader('connection', 'close');
      const url = req.url ?? '/';
      if (url.startsWith('/v1/') || url === '/v1') void gateway.handleNode(req, res);
      else void nextHandler(req, res, parse(url, true));
    },
  );
  server.keepAliveTimeout = 65_000;
  server.on('clientError', handleClientError);

  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`[llmtest] ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);

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

function positiveMs(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds`);
  return value;
}

main().catch((error) => {
  console.error('[llmtest] failed to start:', error);
  process.exit(1);
});
