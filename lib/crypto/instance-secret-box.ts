// The SecretBox of this instance: LLMTEST_SECRET from the environment, else the one the server
// generated into <data dir>/secrets.json. Never generates a secret itself: a CLI run that invented
// a new one would encrypt with a key the server does not have.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../db/data-dir';
import { type SecretBox, secretBoxFromEnv } from './secret-box';

export function instanceSecretBox(env: NodeJS.ProcessEnv = process.env): SecretBox {
  if (env.LLMTEST_SECRET?.trim()) return secretBoxFromEnv(env);
  const file = path.join(dataDir(env), 'secrets.json');
  const stored: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const secret = stored && typeof stored === 'object' ? (stored as Record<string, unknown>).LLMTEST_SECRET : undefined;
  return secretBoxFromEnv({ ...env, LLMTEST_SECRET: typeof secret === 'string' ? secret : undefined });
}
