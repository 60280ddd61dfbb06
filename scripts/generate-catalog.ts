// Regenerates lib/catalog/models.generated.json from the recorded catalog datasets.
//   node --import tsx scripts/generate-catalog.ts [--fixtures <dir>] [--check]
// --check writes nothing and exits 1 when the committed file differs from a fresh generation.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateCatalogJson } from './catalog/generate';
import { CATALOG_JSON_PATH, fixturesDirFrom, REPO_ROOT } from './catalog/paths';

const argv = process.argv.slice(2);
const fixturesDir = fixturesDirFrom(argv, process.env);
const { json, skipped, modelCount } = generateCatalogJson(fixturesDir);
const target = relative(REPO_ROOT, CATALOG_JSON_PATH);

if (argv.includes('--check')) {
  const current = readFileSync(CATALOG_JSON_PATH, 'utf8');
  if (current !== json) {
    console.error(`${target} is out of date: run node --import tsx scripts/generate-catalog.ts`);
    process.exit(1);
  }
  console.log(`${target} is up to date (${modelCount} models)`);
} else {
  writeFileSync(CATALOG_JSON_PATH, json);
  console.log(`wrote ${target}: ${modelCount} models from ${fixturesDir}`);
  for (const { id, reason } of skipped) console.log(`  skipped ${id}: ${reason}`);
}
