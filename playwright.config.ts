import { defineConfig } from '@playwright/test';
import { E2E_AUTH_SECRET } from './e2e/helpers';

// Debian's Chromium (apt install chromium), never a downloaded browser: this machine has no
// internet but the package registries. The flags keep it from calling home.
const port = Number(process.env.E2E_PORT || 3210);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/output/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node e2e/start-app.mjs`,
    url: `http://localhost:${port}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    // A known AUTH_SECRET, so e2e/security.spec.ts can mint an expired session cookie.
    env: { E2E_PORT: String(port), E2E_FAKE_PORT: String(port + 1), AUTH_SECRET: E2E_AUTH_SECRET },
    stdout: 'pipe',
  },
});
