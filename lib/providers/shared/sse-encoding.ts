// Writing the OpenAI SSE framing. OpenAI sends one `data:` line per event and a blank line,
// and ends with `data: [DONE]`; clients (the openai SDK included) expect exactly that shape.

const encoder = new TextEncoder();

/** The terminal OpenAI stream event. */
export const SSE_DONE = 'data: [DONE]\n\n';
export const SSE_DONE_BYTES = encoder.encode(SSE_DONE);

/** Frame one data payload as an SSE event. Multi-line payloads get one `data:` line per line. */
export function encodeSseData(data: string, eventName?: string): string {
  const prefix = eventName === undefined ? '' : `event: ${eventName}\n`;
  if (!data.includes('\n') && !data.includes('\r')) return `${prefix}data: ${data}\n\n`;
  return `${prefix}${data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

/** Same as encodeSseData, as UTF-8 bytes ready for a stream controller. */
export function encodeSseDataBytes(data: string, eventName?: string): Uint8Array {
  return encoder.encode(encodeSseData(data, eventName));
}
