// Rewrites top-level members of a JSON object text without parsing the values. The gateway
// already parsed and validated the client's body; re-serialising a large body (long message
// histories, base64 images) only to change `model` costs more than one linear scan, and keeps
// the client's values byte-for-byte (number formatting, key order inside messages).

export interface TopLevelMember {
  key: string;
  /** Index of the key's opening quote. */
  start: number;
  /** Index just past the value's last character. */
  end: number;
  valueStart: number;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  return index;
}

/** Index just past the string starting at `index` (which must be a quote), or -1. */
function skipString(text: string, index: number): number {
  // indexOf jumps over string content natively (most of a chat body is message text);
  // a quote preceded by an odd number of backslashes is escaped.
  let cursor = index + 1;
  for (;;) {
    const quote = text.indexOf('"', cursor);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    cursor = quote + 1;
  }
}

/** Index just past the JSON value starting at `index`, or -1 when the text is not what we expect. */
function skipValue(text: string, index: number): number {
  const first = text.charCodeAt(index);
  if (first === QUOTE) return skipString(text, index);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let cursor = index; cursor < text.length; cursor++) {
      const code = text.charCodeAt(cursor);
      if (code === QUOTE) {
        cursor = skipString(text, cursor) - 1;
        if (cursor < 0) return -1;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return cursor + 1;
      }
    }
    return -1;
  }
  // number, true, false, null
  let cursor = index;
  while (cursor < text.length) {
    const code = text.charCodeAt(cursor);
    if (code === COMMA || code === CLOSE_BRACE || isWhitespace(code)) break;
    cursor++;
  }
  return cursor > index ? cursor : -1;
}

/**
 * The top-level members of a JSON object text, or undefined when the text is not a plain object
 * or a key uses escapes (callers then fall back to JSON.parse).
 */
export function scanTopLevelMembers(text: string): TopLevelMember[] | undefined {
  let index = skipWhitespace(text, 0);
  if (text.charCodeAt(index) !== OPEN_BRACE) return undefined;
  index = skipWhitespace(text, index + 1);
  const members: TopLevelMember[] = [];
  if (text.charCodeAt(index) === CLOSE_BRACE) return skipWhitespace(text, index + 1) === text.length ? members : undefined;
  for (;;) {
    if (text.charCodeAt(index) !== QUOTE) return undefined;
    const keyEnd = skipString(text, index);
    if (keyEnd < 0) return undefined;
    const key = text.slice(index + 1, keyEnd - 1);
    if (key.includes('\\')) return undefined;
    let cursor = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(cursor) !== COLON) return undefined;
    const valueStart = skipWhitespace(text, cursor + 1);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd < 0) return undefined;
    members.push({ key, start: index, end: valueEnd, valueStart });
    cursor = skipWhitespace(text, valueEnd);
    const separator = text.charCodeAt(cursor);
    if (separator === CLOSE_BRACE) return skipWhitespace(text, cursor + 1) === text.length ? members : undefined;
    if (separator !== COMMA) return undefined;
    index = skipWhitespace(text, cursor + 1);
  }
}

/**
 * Rebuild the object: members whose key is in `replace` get the new value (serialised here;
 * dropped when it is undefined); `replace` keys not present are appended. Other members are
 * copied verbatim.
 */
export function spliceTopLevelMembers(text: string, members: TopLevelMember[], replace: ReadonlyMap<string, unknown>): string {
  const parts: string[] = [];
  const written = new Set<string>();
  for (const member of members) {
    if (!replace.has(member.key)) {
      parts.push(text.slice(member.start, member.end));
      continue;
    }
    // Duplicate keys: JSON.parse keeps the last one, so writing the replacement once is equivalent.
    if (written.has(member.key)) continue;
    written.add(member.key);
    const value = replace.get(member.key);
    if (value !== undefined) parts.push(`${JSON.stringify(member.key)}:${JSON.stringify(value)}`);
  }
  for (const [key, value] of replace) {
    if (!written.has(key) && value !== undefined) parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}
