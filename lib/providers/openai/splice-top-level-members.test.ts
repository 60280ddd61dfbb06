import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanTopLevelMembers, spliceTopLevelMembers } from './splice-top-level-members';

describe('scanTopLevelMembers / spliceTopLevelMembers', () => {
  it('finds members with their raw value spans, whitespace and nesting included', () => {
    const text = ' { "model" : "gpt-4o", "messages":[{"role":"user","content":"a } \\" ]"}],\n"n":1 ,"x":null}  ';
    const members = scanTopLevelMembers(text)!;
    expect(members.map((m) => [m.key, text.slice(m.valueStart, m.end)])).toEqual([
      ['model', '"gpt-4o"'],
      ['messages', '[{"role":"user","content":"a } \\" ]"}]'],
      ['n', '1'],
      ['x', 'null'],
    ]);
  });

  it('refuses what it does not understand', () => {
    expect(scanTopLevelMembers('[1]')).toBeUndefined();
    expect(scanTopLevelMembers('{"a\\u0041":1}')).toBeUndefined();
    expect(scanTopLevelMembers('{"a":1} x')).toBeUndefined();
    expect(scanTopLevelMembers('{"a":[1}')).toBeUndefined();
    expect(scanTopLevelMembers('{}')).toEqual([]);
  });

  it('replaces, removes and appends members', () => {
    const text = '{"model":"a","models":["x"],"messages":[],"model":"b"}';
    const out = spliceTopLevelMembers(text, scanTopLevelMembers(text)!, new Map<string, unknown>([['model', 'up'], ['models', undefined], ['stream', true]]));
    expect(out).toBe('{"model":"up","messages":[],"stream":true}');
  });

  it('gives the same object as parse + set + stringify (property)', () => {
    const key = fc.constantFrom('model', 'models', 'stream', 'messages', 'temperature', 'stream_options', 'a b', 'ü');
    const body = fc.dictionary(key, fc.jsonValue(), { maxKeys: 8 });
    const change = fc.dictionary(fc.constantFrom('model', 'models', 'stream', 'stream_options', 'new'), fc.option(fc.jsonValue(), { nil: undefined }));
    fc.assert(
      fc.property(body, change, fc.boolean(), (object, changes, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        const members = scanTopLevelMembers(text);
        expect(members).toBeDefined();
        const map = new Map<string, unknown>(Object.entries(changes));
        const expected: Record<string, unknown> = JSON.parse(text);
        for (const [k, v] of map) {
          if (v === undefined) delete expected[k];
          else expected[k] = v;
        }
        // Compare as JSON text round-trips (-0 in a replacement value serialises as 0).
        expect(JSON.parse(spliceTopLevelMembers(text, members!, map))).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 300 },
    );
  });
});
