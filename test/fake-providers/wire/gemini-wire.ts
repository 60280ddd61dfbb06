// Gemini generateContent wire format, shaped like the recorded fixtures: `data: …\r\n\r\n`
// framing, usageMetadata on every chunk (prompt only until the last), modelVersion, responseId.
import { randomId, type FakeAnswer } from './answer';
import type { WireFormat } from './wire-format';

const errors: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' },
  404: { status: 'NOT_FOUND', message: 'models/fake-model is not found for API version v1beta, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details.' },
  500: { status: 'INTERNAL', message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The request timed out. Please try again.' },
};

function usageMetadata(answer: FakeAnswer, final: boolean) {
  if (!answer.usage) return undefined;
  const { promptTokens, completionTokens } = answer.usage;
  const details = [{ modality: 'TEXT', tokenCount: promptTokens }];
  if (!final) return { promptTokenCount: promptTokens, totalTokenCount: promptTokens, promptTokensDetails: details };
  return {
    promptTokenCount: promptTokens,
    candidatesTokenCount: completionTokens,
    totalTokenCount: promptTokens + completionTokens,
    promptTokensDetails: details,
    candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: completionTokens }],
  };
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function response(answer: FakeAnswer, parts: unknown[], finish: boolean): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { parts, role: 'model' } };
  if (finish) candidate.finishReason = 'STOP';
  const body: Record<string, unknown> = { candidates: [candidate] };
  const usage = usageMetadata(answer, finish);
  if (usage) body.usageMetadata = usage;
  body.modelVersion = answer.model;
  body.responseId = answer.id;
  return body;
}

/** The chunks of a streamed answer, before framing (also used for the JSON-array stream). */
export function geminiStreamChunks(answer: FakeAnswer): Array<Record<string, unknown>> {
  if (answer.toolCall) {
    return [response(answer, [{ functionCall: { name: answer.toolCall.name, args: parseArguments(answer.toolCall.arguments) } }], true)];
  }
  return answer.pieces.map((piece, index) => response(answer, [{ text: piece }], index === answer.pieces.length - 1));
}

export const geminiWire: WireFormat = {
  streamContentType: 'text/event-stream',
  jsonContentType: 'application/json; charset=UTF-8',
  completionBody(answer) {
    const parts = answer.toolCall
      ? [{ functionCall: { name: answer.toolCall.name, args: parseArguments(answer.toolCall.arguments) } }]
      : [{ text: answer.text }];
    const body = response(answer, parts, true);
    (body.candidates as Array<Record<string, unknown>>)[0].index = 0;
    return JSON.stringify(body);
  },
  streamEvents(answer) {
    // Gemini ends the stream by closing it: there is no terminal event.
    return geminiStreamChunks(answer).map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`);
  },
  errorBody(status, message) {
    const known = errors[status] ?? { status: status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', message: `HTTP ${status}` };
    const error: Record<string, unknown> = { code: status, message: message ?? known.message, status: known.status };
    if (status === 429) {
      error.details = [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' },
      ];
    }
    return JSON.stringify({ error });
  },
  invalidStream: 'data: {"candidates": [{"content": {"parts": [{"text": "Hel\r\n\r\ndata: <html>502</html>\r\n\r\n',
  responseHeaders() {
    return { vary: 'Origin, X-Origin, Referer' };
  },
};

export function newGeminiResponseId(): string {
  return randomId(23);
}
