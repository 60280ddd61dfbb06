// Starting what the bench measures: the upstream (A0), the pass-through (A1), the gateway (G) on
// a fresh embedded database / a fresh PostgreSQL database / with logging off, and Portkey.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Child, startChild } from './processes';

// npm run sets the working directory to the project root.
export const ROOT = process.cwd();
export const NODE = process.execPath;
export const PG_ADMIN_URL = process.env.LLMTEST_TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
export const PEER_PACKAGE = '@portkey-ai/gateway@1.15.2';
const PEER_ENTRY = path.join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');

/** Builds only when there is no production build (like `npm start`); retries a concurrent build. */
export function ensureBuild(log: (line: string) => void): void {
  if (existsSync(path.join(ROOT, '.next/BUILD_ID'))) return;
  for (let attempt = 1; attempt <= 20; attempt++) {
    log(`no production build: npm run build (attempt ${attempt})`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status === 0) return;
    const output = `${build.stdout}\n${build.stderr}`;
    if (!/Another next build process is already running/i.test(output)) throw new Error(`npm run build failed:\n${output.slice(-3000)}`);
    spawnSync('sleep', ['15']);
    if (existsSync(path.join(ROOT, '.next/BUILD_ID'))) return;
  }
  throw new Error('npm run build: another build kept running');
}

export async function startUpstream(cores: string | null): Promise<{ child: Child; port: number }> {
  const { child, match } = await startChild('upstream', cores, NODE, ['--import', 'tsx', 'bench/upstream.ts', '--port', '0'], { cwd: ROOT, ready: /^\{"port":(\d+)\}/ });
  return { child, port: Number(match[1]) };
}

export async function startPassthrough(cores: string | null, upstreamPort: number): Promise<{ child: Child; port: number }> {
  const { child, match } = await startChild('A1', cores, NODE, ['--import', 'tsx', 'bench/passthrough.ts', '--port', '0', '--upstream', `http://127.0.0.1:${upstreamPort}`], {
    cwd: ROOT,
    ready: /^\{"port":(\d+)\}/,
  });
  return { child, port: Number(match[1]) };
}

export interface GatewayInstance {
  name: string;
  child: Child;
  port: number;
  key: string;
  dataDir: string;
  databaseUrl: string | null;
  callLog: boolean;
}

function gatewayEnv(upstreamPort: number, port: number, dataDir: string, databaseUrl: string | null, callLog: boolean): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  // Only what the server needs: no provider keys from the caller's environment leak in.
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'BENCH_EXP']) if (process.env[name]) env[name] = process.env[name];
  const up = `http://127.0.0.1:${upstreamPort}`;
  Object.assign(env, {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    LLMTEST_DATA_DIR: dataDir,
    OPENAI_API_KEY: 'sk-bench-openai',
    OPENAI_BASE_URL: `${up}/openai/v1`,
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    ANTHROPIC_BASE_URL: `${up}/anthropic`,
    LLMTEST_CUSTOM_BASE_URL: `${up}/fail/v1`,
    // The fallback case measures the cost of falling back, not the configured backoff (default
    // 1 retry after 0–250 ms of full jitter), and must not trip the circuit breaker midway.
    LLMTEST_MAX_RETRIES: '0',
    LLMTEST_BREAKER_THRESHOLD: '1000',
    LLMTEST_CALL_LOG: callLog ? 'on' : 'off',
    // The bench's upstream is on loopback.
    LLMTEST_ALLOW_PRIVATE_UPSTREAMS: 'true',
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789abcdef',
    LLMTEST_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef01',
  });
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env as NodeJS.ProcessEnv;
}

export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `llmtest_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function cli(env: NodeJS.ProcessEnv, args: string[]): string {
  const run = spawnSync(NODE, ['--import', 'tsx', 'scripts/llmtest.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`llmtest ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').pop()!;
}

export async function startGateway(
  name: string,
  cores: string | null,
  options: { upstreamPort: number; port: number; databaseUrl: string | null; callLog: boolean; cpuProf?: string },
): Promise<GatewayInstance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `llmtest-bench-${name}-`));
  const env = gatewayEnv(options.upstreamPort, options.port, dataDir, options.databaseUrl, options.callLog);
  const prof = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(options.cpuProf, name)] : [];
  let child: Child | undefined;
  for (let attempt = 1; !child; attempt++) {
    try {
      ({ child } = await startChild(name, cores, NODE, [...prof, '--import', 'tsx', 'server.ts'], { cwd: ROOT, env, ready: /\[llmtest\] ready on/, timeoutMs: 180_000 }));
    } catch (error) {
      // Another job rebuilding the app in this checkout removes .next for a while: wait, retry.
      if (attempt >= 10 || !/production build/.test((error as Error).message)) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      while (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) await new Promise((r) => setTimeout(r, 2000));
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  // The CLI talks to the running server over its admin socket (the server owns the database).
  cli(env, ['user', 'create', '--email', 'bench@example.com', '--password', 'bench-password-123']);
  const key = cli(env, ['key', 'create', '--email', 'bench@example.com', '--name', 'bench']);
  if (!key.startsWith('llmt_')) throw new Error(`${name}: unexpected key output ${key}`);
  return { name, child, port: options.port, key, dataDir, databaseUrl: options.databaseUrl, callLog: options.callLog };
}

/** Portkey, when installed (or installable with --no-save); null with the reason otherwise. */
export async function startPeer(cores: string | null, port: number, install: boolean, log: (line: string) => void): Promise<{ child: Child; port: number } | { skipped: string }> {
  if (!existsSync(PEER_ENTRY)) {
    if (!install) return { skipped: `${PEER_PACKAGE} is not installed (run with --install-peer, or npm install --no-save ${PEER_PACKAGE})` };
    log(`installing the peer: npm install --no-save ${PEER_PACKAGE} (node_modules only; package.json untouched)`);
    const run = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', PEER_PACKAGE], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(PEER_ENTRY)) return { skipped: `npm install --no-save ${PEER_PACKAGE} failed: ${(run.stderr || run.stdout).slice(-300)}` };
  }
  try {
    const { child } = await startChild('portkey', cores, NODE, [PEER_ENTRY, `--port=${port}`, '--headless'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      ready: /Ready for connections/,
      timeoutMs: 60_000,
    });
    return { child, port };
  } catch (error) {
    return { skipped: `Portkey did not start: ${(error as Error).message.slice(0, 300)}` };
  }
}
