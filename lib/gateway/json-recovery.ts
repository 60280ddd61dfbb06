// JSON mode (response_format json_object / json_schema): is the model's content the JSON the
// client asked for, and if not, can it be repaired? jsonrepair 3.15 throws on text around the
// JSON and silently turns plain prose into a JSON string and prose around a fence into an array
// (platform-notes.md), so we first strip fences and cut to the outermost {…} / […], then repair,
// then check the result's type (and the json_schema with ajv, compiled once per schema).
import Ajv, { type ValidateFunction } from 'ajv';
import { jsonrepair } from 'jsonrepair';

export type JsonCheck = { ok: true; text: string; repaired: boolean } | { ok: false; reason: string };

export interface JsonExpectation {
  mode: 'json_object' | 'json_schema';
  schema?: Record<string, unknown>;
}

const FENCE = /```[A-Za-z0-9_-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/;

/**
 * The JSON-looking parts of a model's answer (inside a fence when there is one), to repair in
 * order: the balanced {…} / […] from the first opener; else from it to the end (a truncated
 * answer: jsonrepair closes it); else cut at the last closer (jsonrepair throws on prose after).
 */
export function extractJsonCandidates(content: string): string[] {
  const fenced = FENCE.exec(content);
  const text = fenced ? fenced[1]! : content;
  const objectStart = text.indexOf('{');
  const arrayStart = text.indexOf('[');
  let start: number;
  if (objectStart < 0) start = arrayStart;
  else if (arrayStart < 0) start = objectStart;
  else start = Math.min(objectStart, arrayStart);
  if (start < 0) return [];
  const candidates: string[] = [];
  const balanced = balancedEnd(text, start);
  if (balanced > 0) candidates.push(text.slice(start, balanced + 1));
  const tail = text.slice(start).trimEnd();
  const end = text.lastIndexOf(text[start] === '{' ? '}' : ']');
  for (const candidate of [tail, end > start ? text.slice(start, end + 1) : tail]) {
    if (!candidates.includes(candidate)) candidates.push(candidate);
  }
  return candidates;
}

/** Index of the bracket closing the one at `start` (strings respected), or -1 when it never closes. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === '"') quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function repair(candidates: string[]): { text: string; value: unknown } | { error: string } {
  let lastError = '';
  for (const candidate of candidates) {
    try {
      const text = jsonrepair(candidate);
      return { text, value: JSON.parse(text) };
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  return { error: lastError };
}

export function checkJsonContent(content: string, expectation: JsonExpectation, validators = defaultValidatorCache): JsonCheck {
  let value: unknown;
  let text = content;
  let repaired = false;
  try {
    value = JSON.parse(content);
  } catch {
    const candidates = extractJsonCandidates(content);
    if (candidates.length === 0) return { ok: false, reason: 'the content contains no JSON object' };
    const result = repair(candidates);
    if ('error' in result) return { ok: false, reason: `the content is not valid JSON and could not be repaired (${result.error})` };
    ({ text, value } = result);
    repaired = true;
  }
  const wantsObject = expectation.mode === 'json_object' || expectation.schema === undefined;
  if (wantsObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return { ok: false, reason: `the content is JSON but not an object (${Array.isArray(value) ? 'array' : typeof value})` };
  }
  if (expectation.mode === 'json_schema' && expectation.schema !== undefined) {
    const validate = validators.get(expectation.schema);
    if (validate && !validate(value)) {
      const first = validate.errors?.[0];
      return { ok: false, reason: `the content does not match the json_schema (${first?.instancePath || '/'} ${first?.message ?? ''})`.trim() };
    }
  }
  return { ok: true, text, repaired };
}

/** ajv validators compiled once per schema (keyed by its JSON text); invalid schemas map to null (not checked). */
export class SchemaValidatorCache {
  private readonly ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  private readonly validators = new Map<string, ValidateFunction | null>();
  constructor(private readonly maxEntries = 1000) {}

  get(schema: Record<string, unknown>): ValidateFunction | null {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (validate !== undefined) return validate;
    try {
      validate = this.ajv.compile(schema);
    } catch {
      validate = null;
    }
    if (this.validators.size >= this.maxEntries) {
      this.validators.clear();
      this.ajv.removeSchema();
    }
    this.validators.set(key, validate);
    return validate;
  }
}

const defaultValidatorCache = new SchemaValidatorCache();
