// Secrets the app needs without any env var: generated on first start and kept in the data
// directory (mode 0600). Production deployments set AUTH_SECRET and LLMTEST_SECRET themselves.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['AUTH_SECRET', 'LLMTEST_SECRET'] as const;

export function ensureInstanceSecrets(dir: string, env: Record<string, string | undefined> = process.env, log: (line: string) => void = console.log): void {
  const missing = NAMES.filter((name) => !env[name]);
  if (!missing.length) return;
  const file = path.join(dir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, string>;
  }
  let generated = false;
  for (const name of missing) {
    if (typeof stored[name] !== 'string' || stored[name].length < 32) {
      stored[name] = randomBytes(32).toString('base64url');
      generated = true;
    }
    env[name] = stored[name];
  }
  if (generated) {
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    log(`[llmtest] generated ${missing.join(' and ')} into ${file} (set them in the environment in production)`);
  } else {
    log(`[llmtest] using ${missing.join(' and ')} from ${file}`);
  }
}
