import type { FakeAnswer } from './answer';

/** How one provider family writes answers, streams and errors (shapes follow the recorded fixtures). */
export interface WireFormat {
  completionBody(answer: FakeAnswer): string;
  /** Complete SSE events (framing included), the terminal one included. */
  streamEvents(answer: FakeAnswer): string[];
  streamContentType: string;
  jsonContentType: string;
  /** The provider's error body for a status (400 = its context-length error). */
  errorBody(status: number, message?: string): string;
  /** A 200 stream with broken framing and payloads. */
  invalidStream: string;
  /** Provider-style response headers (request ids). */
  responseHeaders(): Record<string, string>;
}
