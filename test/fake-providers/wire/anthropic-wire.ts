// Anthropic Messages wire format, shaped like the recorded fixtures (event names, ping,
// message_start usage with output_tokens 1, message_delta carrying the final usage).
import { randomId, type FakeAnswer } from './answer';
import type { WireFormat } from './wire-format';

const errors: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'model: claude-fake' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization of 50 requests per minute.' },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function usageObject(answer: FakeAnswer, outputTokens: number) {
  if (!answer.usage) return undefined;
  return {
    input_tokens: answer.usage.promptTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

export const anthropicWire: WireFormat = {
  streamContentType: 'text/event-stream; charset=utf-8',
  jsonContentType: 'application/json',
  completionBody(answer) {
    const content = answer.toolCall
      ? [{ type: 'tool_use', id: answer.toolCall.id, name: answer.toolCall.name, input: parseArguments(answer.toolCall.arguments) }]
      : [{ type: 'text', text: answer.text }];
    const body: Record<string, unknown> = {
      model: answer.model,
      id: answer.id,
      type: 'message',
      role: 'assistant',
      content,
      stop_reason: answer.toolCall ? 'tool_use' : 'end_turn',
      stop_sequence: null,
    };
    const usage = usageObject(answer, answer.usage?.completionTokens ?? 0);
    if (usage) body.usage = usage;
    return JSON.stringify(body);
  },
  streamEvents(answer) {
    const message: Record<string, unknown> = {
      model: answer.model,
      id: answer.id,
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
    };
    const startUsage = usageObject(answer, 1);
    if (startUsage) message.usage = startUsage;
    const events = [event('message_start', { type: 'message_start', message })];
    if (answer.toolCall) {
      const call = answer.toolCall;
      events.push(event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
      events.push(event('ping', { type: 'ping' }));
      for (const piece of ['', ...call.argumentPieces]) {
        events.push(event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: piece } }));
      }
    } else {
      events.push(event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
      events.push(event('ping', { type: 'ping' }));
      for (const piece of answer.pieces) {
        events.push(event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }));
      }
    }
    events.push(event('content_block_stop', { type: 'content_block_stop', index: 0 }));
    const delta: Record<string, unknown> = {
      type: 'message_delta',
      delta: { stop_reason: answer.toolCall ? 'tool_use' : 'end_turn', stop_sequence: null },
    };
    if (answer.usage) {
      delta.usage = { input_tokens: answer.usage.promptTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: answer.usage.completionTokens };
    }
    events.push(event('message_delta', delta));
    events.push(event('message_stop', { type: 'message_stop' }));
    return events;
  },
  errorBody(status, message) {
    const known = errors[status] ?? { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: `HTTP ${status}` };
    return JSON.stringify({ type: 'error', error: { type: known.type, message: message ?? known.message }, request_id: `req_${randomId(24)}` });
  },
  invalidStream: 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_broken"\n\nevent: content_block_delta\ndata: not json\n\nevent message_stop\n\n',
  responseHeaders() {
    return { 'request-id': `req_${randomId(24)}`, 'anthropic-organization-id': 'fake-org' };
  },
};

export function newAnthropicMessageId(): string {
  return `msg_01${randomId(22)}`;
}

export function newAnthropicToolId(): string {
  return `toolu_01${randomId(22)}`;
}
