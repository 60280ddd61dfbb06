// "Did you mean …" for unknown model ids. Each model is compared by its full id, its model part
// (users often drop the vendor) and its aliases; the suggestion is the name that matched, so a
// bare "gpt-4-o" suggests the bare "gpt-4o" and "claude-sonet-4" suggests "anthropic/claude-sonnet-4".
// Runs only on the 404 path, so a plain O(models × length²) scan is fine.
import type { CatalogModel } from './types';

interface Scored {
  suggestion: string;
  distance: number;
  sharedTokens: number;
}

export function suggestModelIdsFrom(models: readonly CatalogModel[], unknownId: string, limit = 3): string[] {
  const query = unknownId.trim().toLowerCase();
  if (!query || limit <= 0) return [];
  const queryTokens = tokens(query);
  // Allow roughly one edit per three characters, at least 2: catches typos, not unrelated ids.
  const maxDistance = Math.max(2, Math.floor(query.length / 3));
  const best: Scored[] = [];
  for (const model of models) {
    let modelBest: Scored | undefined;
    for (const name of namesOf(model)) {
      const distance = nameDistance(query, name.compare);
      const sharedTokens = countShared(queryTokens, tokens(name.compare));
      if (distance > maxDistance && sharedTokens === 0) continue;
      const scored = { suggestion: name.suggestion, distance, sharedTokens };
      if (!modelBest || better(scored, modelBest)) modelBest = scored;
    }
    if (modelBest && (modelBest.distance <= maxDistance || modelBest.sharedTokens >= Math.max(2, queryTokens.size))) best.push(modelBest);
  }
  return best.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, limit).map((scored) => scored.suggestion);
}

function namesOf(model: CatalogModel): Array<{ compare: string; suggestion: string }> {
  const id = model.id.toLowerCase();
  return [
    { compare: id, suggestion: model.id },
    { compare: id.slice(id.indexOf('/') + 1), suggestion: model.id },
    ...model.aliases.map((alias) => ({ compare: alias.toLowerCase(), suggestion: alias })),
  ];
}

/** Fewer edits first; then more shared tokens; then the shorter, then alphabetical (determinism). */
function better(a: Scored, b: Scored): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.sharedTokens !== b.sharedTokens) return a.sharedTokens > b.sharedTokens;
  if (a.suggestion.length !== b.suggestion.length) return a.suggestion.length < b.suggestion.length;
  return a.suggestion < b.suggestion;
}

function tokens(text: string): Set<string> {
  return new Set(text.split(/[^a-z0-9.]+/).filter((token) => token.length > 0));
}

function countShared(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared;
}

/**
 * Edit distance to the whole name, or to the name's prefix of the query's length plus one: a
 * truncated id ("llama-3.3-70b" for "llama-3.3-70b-instruct") is closer than a different model
 * that happens to be a few edits away ("llama-3.1-405b").
 */
function nameDistance(query: string, name: string): number {
  const whole = editDistance(query, name);
  if (name.length <= query.length) return whole;
  return Math.min(whole, editDistance(query, name.slice(0, query.length)) + 1);
}

/** Levenshtein distance with two rolling rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
