// ROUGE-L F1 (Lin, 2004): the longest common subsequence of two token sequences, as precision
// (LCS / candidate length) and recall (LCS / reference length), combined as their harmonic mean.
// Tokens: lower-cased runs of letters and digits (any script); punctuation and whitespace are
// separators. Order matters (unlike bag-of-words overlap) but gaps are allowed, so a paraphrase
// keeping the same words in the same order scores high and a reordered or different answer low.
// It measures lexical agreement with the baseline, not correctness.

/** Each side is cut to its first MAX_TOKENS tokens: the LCS table is O(n·m). */
export const ROUGE_MAX_TOKENS = 2_000;

export function tokenize(text: string): string[] {
  const tokens = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
  return tokens.length > ROUGE_MAX_TOKENS ? tokens.slice(0, ROUGE_MAX_TOKENS) : tokens;
}

function lcsLength(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Two rows of the DP table (lengths ≤ 2,000 fit an Int16... use Int32 for safety).
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const token = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      current[j] = token === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** 0..1; two empty texts agree fully (1), one empty and one not not at all (0). */
export function rougeLF1(reference: string, candidate: string): number {
  const ref = tokenize(reference);
  const cand = tokenize(candidate);
  if (ref.length === 0 && cand.length === 0) return 1;
  const lcs = lcsLength(ref, cand);
  if (lcs === 0) return 0;
  const precision = lcs / cand.length;
  const recall = lcs / ref.length;
  return (2 * precision * recall) / (precision + recall);
}
