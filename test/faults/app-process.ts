// The real app as production runs it (`node --import tsx server.ts`, NODE_ENV=production), as a
// child process the fault tests can SIGTERM, SIGKILL and restart. Needs the production build
// (`npm run build`): `npm run test:faults` runs after it in CI.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '../..');

export interface AppProcess {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  dataDir: string;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code / signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (bounded) for the exit. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL and wait for the exit. */
  kill9(): Promise<void>;
}

export interface StartAppOptions {
  env: NodeJS.ProcessEnv;
  /** Reuse a data dir (restart after a crash); default a fresh temp dir. */
  dataDir?: string;
  port?: number;
  readyTimeoutMs?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A loopback port nothing listens on (for "connection refused"). */
export const closedPort = freePort;

async function waitForBuild(timeoutMs = 180_000): Promise<void> {
  const buildId = path.join(projectRoot, '.next/BUILD_ID');
  const until = Date.now() + timeoutMs;
  // Another `next build` may be rewriting .next on a developer machine: wait for it.
  while (!existsSync(buildId)) {
    if (Date.now() > until) throw new Error('No production build in .next: run `npm run build` before `npm run test:faults`.');
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  for (let attempt = 1; ; attempt++) {
    await waitForBuild();
    try {
      return await spawnApp(options);
    } catch (error) {
      // A concurrent `next build` (developer machines) can pull .next away mid-start: retry.
      if (attempt >= 5 || !String(error).includes('Could not find a production build')) throw error;
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
}

async function spawnApp(options: StartAppOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'llmtest-faults-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: projectRoot,
    env: { ...options.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LLMTEST_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const until = Date.now() + (options.readyTimeoutMs ?? 90_000);
  let gone = false;
  void exited.then(() => (gone = true));
  while (!output.includes('[llmtest] ready on')) {
    if (gone) throw new Error(`server exited before it was ready:\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    dataDir,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop(timeoutMs = 30_000) {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}
