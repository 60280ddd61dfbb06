// The coarse tier drives the default fallback chain (a frontier model falls back to another
// frontier model). Output price is the rule because it is the one number every source has and it
// tracks model size/quality well enough for "same league" decisions:
//   output ≥ $10 / M tokens → frontier;  output ≤ $1 / M tokens (including free) → small;  else standard.
import type { CatalogModel, ModelPrice } from '../../lib/catalog/types';

export const FRONTIER_MIN_OUTPUT_MICROS_PER_MTOK = 10_000_000;
export const SMALL_MAX_OUTPUT_MICROS_PER_MTOK = 1_000_000;

export function modelTier(price: ModelPrice): CatalogModel['tier'] {
  if (price.outputMicrosPerMTok >= FRONTIER_MIN_OUTPUT_MICROS_PER_MTOK) return 'frontier';
  if (price.outputMicrosPerMTok <= SMALL_MAX_OUTPUT_MICROS_PER_MTOK) return 'small';
  return 'standard';
}
