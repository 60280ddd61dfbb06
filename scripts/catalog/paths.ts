// Where the generator reads and writes, relative to the repository root (not the cwd), so the
// command works from any directory. CATALOG_FIXTURES_DIR / --fixtures override the input.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DEFAULT_FIXTURES_DIR = resolve(REPO_ROOT, '../shared/fixtures/catalog');
export const CATALOG_JSON_PATH = resolve(REPO_ROOT, 'lib/catalog/models.generated.json');

export function fixturesDirFrom(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  const flagIndex = argv.findIndex((arg) => arg === '--fixtures' || arg.startsWith('--fixtures='));
  if (flagIndex >= 0) {
    const arg = argv[flagIndex];
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flagIndex + 1];
    if (!value) throw new Error('--fixtures needs a directory');
    return resolve(value);
  }
  return env.CATALOG_FIXTURES_DIR ? resolve(env.CATALOG_FIXTURES_DIR) : DEFAULT_FIXTURES_DIR;
}
