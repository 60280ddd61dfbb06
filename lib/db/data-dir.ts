import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where the embedded database, generated secrets, the admin socket and log spill files live. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ env.LLMTEST_DATA_DIR || path.join(process.cwd(), '.data'));
  // PGlite does not create parent directories.
  mkdirSync(dir, { recursive: true });
  return dir;
}
