// data: URLs are how OpenAI clients inline images; Anthropic and Gemini want the media type and the
// base64 payload separately.

export interface DataUrl {
  mediaType: string;
  base64: string;
}

/** Returns undefined for anything that is not a base64 data URL. */
export function parseBase64DataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),/i.exec(url);
  if (!match) return undefined;
  const parameters = match[2].toLowerCase().split(';');
  if (!parameters.includes('base64')) return undefined;
  return { mediaType: match[1] || 'application/octet-stream', base64: url.slice(match[0].length) };
}
