import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';
import { providerFixturesDir as fixturesRoot, splitBytes as splitAt } from './test-helpers';

function parseAll(chunks: Array<Uint8Array | string>) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments, retries };
}

describe('createSseParser', () => {
  it('parses data, event names, ids and multi-line data', () => {
    const { events } = parseAll(['event: a\ndata: one\ndata: two\nid: 7\n\ndata: x\n\n']);
    expect(events).toEqual([
      { event: 'a', data: 'one\ntwo', id: '7' },
      { event: undefined, data: 'x', id: '7' },
    ]);
  });

  it('handles \\r\\n, \\r and \\n line endings alike', () => {
    const expected = [{ event: 'e', data: 'a', id: undefined }, { event: undefined, data: 'b', id: undefined }];
    expect(parseAll(['event: e\r\ndata: a\r\n\r\ndata: b\r\n\r\n']).events).toEqual(expected);
    expect(parseAll(['event: e\rdata: a\r\rdata: b\r\r']).events).toEqual(expected);
    expect(parseAll(['event: e\ndata: a\n\ndata: b\n\n']).events).toEqual(expected);
  });

  it('treats a \\r at a chunk end followed by \\n as one line end', () => {
    expect(parseAll(['data: a\r', '\n\r', '\ndata: b\n\n']).events.map((e) => e.data)).toEqual(['a', 'b']);
  });

  it('reports comments and ignores them as fields', () => {
    const { events, comments } = parseAll([': OPENROUTER PROCESSING\n\n:x\ndata: {}\n\n']);
    expect(comments).toEqual(['OPENROUTER PROCESSING', 'x']);
    expect(events).toEqual([{ event: undefined, data: '{}', id: undefined }]);
  });

  it('follows the spec on field parsing details', () => {
    const { events, retries } = parseAll(['data\n\ndata:  two spaces\n\nevent: only\n\nretry: 150\nretry: x\nfoo: bar\ndata:no-space\n\n']);
    // `data` with no colon is an empty data line; an event with no data is not dispatched.
    expect(events.map((e) => e.data)).toEqual(['', ' two spaces', 'no-space']);
    expect(events[2].event).toBeUndefined();
    expect(retries).toEqual([150]);
  });

  it('strips a BOM and decodes multi-byte characters split across chunks', () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: héllo 👋\n\n');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes.subarray(3)]);
    const chunks = Array.from(withBom, (byte) => new Uint8Array([byte]));
    expect(parseAll(chunks).events).toEqual([{ event: undefined, data: 'héllo 👋', id: undefined }]);
    expect(parseAll(['\uFEFFdata: a\n\n']).events[0].data).toBe('a');
  });

  it('dispatches an unterminated final event at end()', () => {
    expect(parseAll(['data: a\n\ndata: last']).events.map((e) => e.data)).toEqual(['a', 'last']);
  });

  it('gives the same events for any chunking (property)', () => {
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => `data: ${s.replace(/[\r\n]/g, '')}`),
      fc.constantFrom('event: message_start', 'event: ping', ': comment', 'id: 42', 'retry: 10', 'data', ''),
    );
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    const document = fc.array(fc.tuple(line, ending), { maxLength: 30 }).map((lines) => lines.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(document, fc.array(fc.nat(400), { maxLength: 12 }), (text, cuts) => {
        const bytes = new TextEncoder().encode(text);
        expect(parseAll(splitAt(bytes, cuts))).toEqual(parseAll([bytes]));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same events for any chunking of every recorded .sse fixture', () => {
    const files = readdirSync(fixturesRoot, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.sse'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(path.join(fixturesRoot, file)));
      const whole = parseAll([bytes]);
      expect(whole.events.length, file).toBeGreaterThan(0);
      for (const event of whole.events) expect(event.data.length, file).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.array(fc.nat(bytes.length), { maxLength: 20 }), (cuts) => {
          expect(parseAll(splitAt(bytes, cuts))).toEqual(whole);
        }),
        { numRuns: 50 },
      );
    }
  });
});
