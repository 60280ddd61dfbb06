// Starts, for the browser tests, the fake upstream providers and the production server on a
// fresh embedded database, so every run begins from an empty product and no call leaves the machine.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

// One directory per run: two runs must never share an embedded database.
const dataDir = path.resolve(`.test-data/e2e-${process.pid}`);
rmSync(dataDir, { recursive: true, force: true });
const fakePort = process.env.E2E_FAKE_PORT || '3211';

const fake = spawn(process.execPath, ['--import', 'tsx', 'test/fake-providers/cli.ts', '--port', fakePort], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve, reject) => {
  readline.createInterface({ input: fake.stdout }).once('line', resolve);
  fake.once('exit', (code) => reject(new Error(`fake providers exited with ${code}`)));
});
const { env: providerEnv } = JSON.parse(firstLine);

const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
  stdio: 'inherit',
  env: { ...process.env, ...providerEnv, NODE_ENV: 'production', PORT: process.env.E2E_PORT, LLMTEST_DATA_DIR: dataDir, DATABASE_URL: '' },
});
const stop = () => {
  server.kill('SIGTERM');
  fake.kill('SIGTERM');
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, stop);
server.on('exit', (code) => {
  fake.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
