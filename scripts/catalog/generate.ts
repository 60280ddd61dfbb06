// The generator as a function (sources directory in, file text out), so tests can run it without
// touching the committed file.
import { LITELLM_FILE, OPEN_ROUTER_SNAPSHOT_FILES, readCatalogSources } from './read-fixtures';
import { buildCatalog, type BuildResult } from './build-catalog';
import { serializeCatalog } from './serialize-catalog';

export interface GeneratedCatalog {
  json: string;
  skipped: BuildResult['skipped'];
  modelCount: number;
}

export function generateCatalogJson(fixturesDir: string): GeneratedCatalog {
  const { models, skipped } = buildCatalog(readCatalogSources(fixturesDir));
  return { json: serializeCatalog(models, [...OPEN_ROUTER_SNAPSHOT_FILES, LITELLM_FILE]), skipped, modelCount: models.length };
}
