// Stored bodies are text, capped at 64 KB. A body that parses as JSON is shown indented; anything
// else (a truncated body, an SSE transcript, plain text) is shown exactly as stored.

export interface PrettyBody {
  text: string;
  json: boolean;
}

export function prettyBody(body: string | null): PrettyBody | null {
  if (body === null || body === '') return null;
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}
