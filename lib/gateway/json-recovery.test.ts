import { describe, expect, it } from 'vitest';
import { checkJsonContent, extractJsonCandidates, SchemaValidatorCache } from './json-recovery';

const object = { mode: 'json_object' as const };

describe('checkJsonContent (json_object)', () => {
  it('accepts valid JSON objects untouched', () => {
    expect(checkJsonContent('{"a":1}', object)).toEqual({ ok: true, text: '{"a":1}', repaired: false });
  });

  it.each([
    ['a fenced block', '```json\n{"a": 1}\n```', { a: 1 }],
    ['a fence without a language', '```\n{"a": 1}\n```', { a: 1 }],
    ['prose around a fence', 'Here is the JSON you asked for:\n```json\n{"a": [1, 2]}\n```\nLet me know!', { a: [1, 2] }],
    ['prose around bare JSON', 'Sure! {"a": "b"} Hope that helps.', { a: 'b' }],
    ['prose with braces after the JSON', 'Result: {"a": 1} (the {a} field)', { a: 1 }],
    ['trailing commas', '{"a": 1, "b": [1, 2,],}', { a: 1, b: [1, 2] }],
    ['single quotes', "{'a': 'x'}", { a: 'x' }],
    ['unquoted keys', '{a: 1, b: true}', { a: 1, b: true }],
    ['Python literals', '{"a": None, "b": True, "c": False}', { a: null, b: true, c: false }],
    ['comments', '{"a": 1 /* one */, // two\n "b": 2}', { a: 1, b: 2 }],
    ['a truncated object', '{"a": 1, "b": "hel', { a: 1, b: 'hel' }],
    ['a truncated nested array', '{"items": [{"x": 1}, {"x": 2', { items: [{ x: 1 }, { x: 2 }] }],
    ['a truncated fenced block', '```json\n{"a": [1, 2', { a: [1, 2] }],
  ])('repairs %s', (_name, content, expected) => {
    const result = checkJsonContent(content, object);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.repaired).toBe(true);
      expect(JSON.parse(result.text)).toEqual(expected);
    }
  });

  it.each([
    ['plain prose', 'I cannot help with that.', /no JSON object/],
    ['an array for json_object', '[1, 2, 3]', /not an object \(array\)/],
    ['a JSON string', '"just a string"', /not an object \(string\)/],
    ['a number', '42', /not an object/],
    ['prose with a fenced array', 'Here:\n```\n[1,2]\n```', /not an object \(array\)/],
  ])('rejects %s', (_name, content, reason) => {
    const result = checkJsonContent(content, object);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('extracts the outermost object or array', () => {
    expect(extractJsonCandidates('x {"a": {"b": "}"}} y')).toEqual(['{"a": {"b": "}"}}', '{"a": {"b": "}"}} y']);
    expect(extractJsonCandidates('{"a": [1, 2')).toEqual(['{"a": [1, 2']);
    expect(extractJsonCandidates('x [1, {"a": 2}]')).toEqual(['[1, {"a": 2}]']);
    expect(extractJsonCandidates('no json here')).toEqual([]);
  });
});

describe('checkJsonContent (json_schema)', () => {
  const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false };

  it('validates with ajv, after repair too', () => {
    expect(checkJsonContent('{"name":"Ada","age":36}', { mode: 'json_schema', schema }).ok).toBe(true);
    const repaired = checkJsonContent('```json\n{"name": "Ada", "age": 36,}\n```', { mode: 'json_schema', schema });
    expect(repaired).toMatchObject({ ok: true, repaired: true });
  });

  it('rejects content that does not match, saying where', () => {
    const result = checkJsonContent('{"name":"Ada","age":"old"}', { mode: 'json_schema', schema });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\/age must be integer/);
    expect(checkJsonContent('{"name":"Ada"}', { mode: 'json_schema', schema }).ok).toBe(false);
  });

  it('allows a top-level array when the schema says so', () => {
    expect(checkJsonContent('[1,2]', { mode: 'json_schema', schema: { type: 'array', items: { type: 'number' } } }).ok).toBe(true);
  });

  it('compiles each schema once and tolerates invalid schemas', () => {
    const cache = new SchemaValidatorCache();
    const first = cache.get({ ...schema });
    expect(cache.get({ ...schema })).toBe(first);
    expect(cache.get({ type: 'not-a-type' })).toBeNull();
    expect(checkJsonContent('{"a":1}', { mode: 'json_schema', schema: { type: 'not-a-type' } }, cache).ok).toBe(true);
  });
});
