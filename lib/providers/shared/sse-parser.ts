// Incremental Server-Sent Events parser (WHATWG "event stream interpretation"), shared by every
// provider's stream transform. It is chunking-independent: the same bytes split anywhere (inside a
// line, between "\r" and "\n", inside a multi-byte UTF-8 character) give the same events, which is
// what lets a TransformStream feed it whatever the socket delivers.
//
// Usage inside a TransformStream:
//   const parser = createSseParser({ onEvent: (event) => { ... controller.enqueue(...) } });
//   new TransformStream({ transform: (chunk) => parser.push(chunk), flush: () => parser.end() });
//
// The controller can be captured in start() or the callbacks can push into a local array; the
// parser calls back synchronously from push()/end(), so per-chunk state stays in the closure.

export interface SseEvent {
  /** The `event:` field, undefined when the event had none (the spec's default "message"). */
  event: string | undefined;
  /** The `data:` lines joined with "\n" (a single trailing newline removed, per the spec). */
  data: string;
  /** The last event id seen so far (`id:` persists across events, per the spec). */
  id: string | undefined;
}

export interface SseParserCallbacks {
  onEvent(event: SseEvent): void;
  /** A comment line (`: OPENROUTER PROCESSING`), text after the colon with one leading space removed. */
  onComment?(comment: string): void;
  /** A valid `retry:` field (milliseconds). */
  onRetry?(milliseconds: number): void;
}

export interface SseParser {
  /** Feed the next piece of the stream (bytes are decoded as UTF-8 across chunk boundaries). */
  push(chunk: Uint8Array | string): void;
  /**
   * The stream ended. An event whose terminating blank line never arrived is still dispatched:
   * the spec says to drop it, but some servers omit the final blank line and dropping a final
   * usage chunk would lose what we bill on. Consumers validate payloads anyway.
   */
  end(): void;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

export function createSseParser(callbacks: SseParserCallbacks): SseParser {
  // The decoder strips a leading UTF-8 BOM itself (ignoreBOM: false) and keeps partial
  // multi-byte sequences between calls with { stream: true }.
  const decoder = new TextDecoder('utf-8');
  let partialLine = '';
  /** The previous chunk ended in "\r": a "\n" starting the next chunk belongs to that line end. */
  let pendingCarriageReturn = false;
  let isFirstText = true;

  let eventName: string | undefined;
  let dataLines: string[] = [];
  let hasData = false;
  let lastEventId: string | undefined;

  function dispatch(): void {
    if (!hasData) {
      // Spec: an event with no data is not dispatched, and resets the event name.
      eventName = undefined;
      return;
    }
    const data = dataLines.length === 1 ? dataLines[0] : dataLines.join('\n');
    const event: SseEvent = { event: eventName, data, id: lastEventId };
    eventName = undefined;
    dataLines = [];
    hasData = false;
    callbacks.onEvent(event);
  }

  function processLine(line: string): void {
    if (line.length === 0) {
      dispatch();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) {
      if (callbacks.onComment) {
        callbacks.onComment(line.charCodeAt(1) === 32 ? line.slice(2) : line.slice(1));
      }
      return;
    }
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case 'data':
        dataLines.push(value);
        hasData = true;
        break;
      case 'event':
        eventName = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value) && callbacks.onRetry) callbacks.onRetry(Number(value));
        break;
      default:
        // Unknown fields are ignored, per the spec.
        break;
    }
  }

  function pushText(text: string): void {
    if (text.length === 0) return;
    if (isFirstText) {
      isFirstText = false;
      // String input may still carry a BOM (bytes input had it stripped by the decoder).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    const length = text.length;
    if (pendingCarriageReturn) {
      pendingCarriageReturn = false;
      if (length > 0 && text.charCodeAt(0) === LINE_FEED) start = 1;
    }
    for (let index = start; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code !== LINE_FEED && code !== CARRIAGE_RETURN) continue;
      const piece = text.slice(start, index);
      const line = partialLine.length > 0 ? partialLine + piece : piece;
      partialLine = '';
      if (code === CARRIAGE_RETURN) {
        if (index + 1 < length) {
          if (text.charCodeAt(index + 1) === LINE_FEED) index++;
        } else {
          pendingCarriageReturn = true;
        }
      }
      start = index + 1;
      processLine(line);
    }
    if (start < length) partialLine += text.slice(start);
  }

  return {
    push(chunk) {
      pushText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      pushText(decoder.decode());
      if (partialLine.length > 0) {
        const line = partialLine;
        partialLine = '';
        processLine(line);
      }
      dispatch();
    },
  };
}
