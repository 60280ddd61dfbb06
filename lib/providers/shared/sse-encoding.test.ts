import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';
import { encodeSseData, SSE_DONE } from './sse-encoding';

describe('encodeSseData', () => {
  it('frames single and multi-line data so the parser reads it back', () => {
    expect(encodeSseData('{"a":1}')).toBe('data: {"a":1}\n\n');
    expect(encodeSseData('x', 'ping')).toBe('event: ping\ndata: x\n\n');
    const events: SseEvent[] = [];
    const parser = createSseParser({ onEvent: (event) => events.push(event) });
    parser.push(encodeSseData('line1\nline2\r\nline3', 'multi') + SSE_DONE);
    parser.end();
    expect(events.map((e) => [e.event, e.data])).toEqual([['multi', 'line1\nline2\nline3'], [undefined, '[DONE]']]);
  });
});
