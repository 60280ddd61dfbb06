// Reading a recorded call for a replay: can its request be sent again as it was, and what did
// its answer say. Bodies come from the call log (capped at 64 KB); nothing here trusts them.
import { z } from 'zod';

export type SkipReason = 'truncated' | 'images' | 'no_body' | 'bad_body';

export interface ReplayableRequest {
  /** The request as an object (unknown fields kept: they are replayed too). */
  body: Record<string, unknown>;
  /** response_format json_object / json_schema */
  jsonMode: boolean;
  /** The json_schema's schema, when there is one. */
  jsonSchema: Record<string, unknown> | undefined;
}

export type InspectedRequest = { ok: true; request: ReplayableRequest } | { ok: false; reason: SkipReason; message: string };

const requestShape = z.looseObject({
  messages: z.array(z.looseObject({ content: z.unknown().nullish() })).min(1),
  response_format: z
    .looseObject({ type: z.string(), json_schema: z.looseObject({ schema: z.record(z.string(), z.unknown()).nullish() }).nullish() })
    .nullish(),
});

function hasImages(messages: Array<{ content?: unknown }>): boolean {
  return messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part !== null && typeof part === 'object' && (part as { type?: unknown }).type !== 'text'),
  );
}

export function inspectRecordedRequest(requestBody: string | null, requestTruncated: boolean): InspectedRequest {
  if (requestTruncated) {
    return { ok: false, reason: 'truncated', message: 'The request body was capped at 64 KB when it was recorded: it cannot be replayed as it was sent.' };
  }
  if (!requestBody) return { ok: false, reason: 'no_body', message: 'No request body was recorded for this call.' };
  let json: unknown;
  try {
    json = JSON.parse(requestBody);
  } catch {
    return { ok: false, reason: 'bad_body', message: 'The recorded request body is not JSON.' };
  }
  const parsed = requestShape.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'bad_body', message: 'The recorded request has no messages to replay.' };
  if (hasImages(parsed.data.messages)) {
    return { ok: false, reason: 'images', message: 'The request contains images (or other non-text parts): benchmarks replay text requests only.' };
  }
  const format = parsed.data.response_format;
  const jsonMode = format?.type === 'json_object' || format?.type === 'json_schema';
  const jsonSchema = format?.type === 'json_schema' ? (format.json_schema?.schema ?? undefined) : undefined;
  return { ok: true, request: { body: json as Record<string, unknown>, jsonMode, jsonSchema: jsonSchema as Record<string, unknown> | undefined } };
}

/** The recorded request with `model` set to the candidate (and our `models` fallback list removed). */
export function replayBody(requestBody: string, model: string): string {
  const body = JSON.parse(requestBody) as Record<string, unknown>;
  const { models: _models, ...rest } = body;
  return JSON.stringify({ ...rest, model });
}

const completionShape = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z
          .looseObject({
            content: z.unknown().nullish(),
            tool_calls: z.array(z.looseObject({ function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish() })).nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});

/**
 * The text of a recorded answer (a chat.completion body): the message content, or, for a tool-call
 * answer, the calls as JSON ([{ name, arguments }]). Null when the body is missing or not a
 * completion (a capped body that no longer parses included).
 */
export function answerText(responseBody: string | null): string | null {
  if (!responseBody) return null;
  let json: unknown;
  try {
    json = JSON.parse(responseBody);
  } catch {
    return null;
  }
  const parsed = completionShape.safeParse(json);
  const message = parsed.success ? parsed.data.choices?.[0]?.message : undefined;
  if (!message) return null;
  if (message.tool_calls && message.tool_calls.length > 0) {
    return JSON.stringify(message.tool_calls.map((call) => ({ name: call.function?.name ?? null, arguments: call.function?.arguments ?? null })));
  }
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) {
    return message.content.map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
  }
  return '';
}
