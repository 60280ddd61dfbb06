// Starts the production server for the browser tests on a fresh embedded database (and, when the
// gateway exists, the fake upstream providers), so every run begins from an empty product.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve('.test-data/e2e');
rmSync(dataDir, { recursive: true, force: true });
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', PORT: process.env.E2E_PORT, LLMTEST_DATA_DIR: dataDir, DATABASE_URL: '' },
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
