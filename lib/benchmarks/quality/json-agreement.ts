// Key/value agreement of two JSON documents: both are flattened to their leaves (path → value;
// arrays by index, an empty object or array is a leaf of its own), and the agreement is the share
// of leaves, over the union of both documents' paths, where both have the same value:
//   |{ p : ref[p] = cand[p] }| / |paths(ref) ∪ paths(cand)|
// A missing key, an extra key and a different value each count against it. Numbers compare by
// value (1 = 1.0); strings exactly.

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]');
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, '{}');
    for (const [key, item] of entries) flatten(item, `${path}.${JSON.stringify(key)}`, out);
    return;
  }
  out.set(path, JSON.stringify(value));
}

export function jsonLeaves(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  flatten(value, '$', out);
  return out;
}

/** 0..1 */
export function jsonAgreement(reference: unknown, candidate: unknown): number {
  const ref = jsonLeaves(reference);
  const cand = jsonLeaves(candidate);
  const paths = new Set([...ref.keys(), ...cand.keys()]);
  if (paths.size === 0) return 1;
  let same = 0;
  for (const path of paths) if (ref.has(path) && ref.get(path) === cand.get(path)) same++;
  return same / paths.size;
}

/** The parsed document, or undefined when the text is not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
