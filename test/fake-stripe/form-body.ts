// Decodes the SDK's application/x-www-form-urlencoded bodies (and query strings) into nested
// objects, as Stripe does: a[b]=1 → { a: { b: '1' } }, a[0][c]=2 → { a: [{ c: '2' }] }.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export function parseForm(text: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.split('[').map((part, i) => (i === 0 ? part : part.replace(/\]$/, '')));
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const key = part === '' && Array.isArray(node) ? String(node.length) : part;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[key] = value;
      } else {
        const nextIsIndex = /^\d*$/.test(parts[i + 1]!);
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Record<string, FormValue> | FormValue[];
      }
    }
  }
  return root;
}
