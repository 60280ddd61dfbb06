// OpenAI Chat Completions wire format, in the three flavours the fake serves: OpenAI itself
// (service_tier, system_fingerprint, "usage":null on every chunk when usage was asked for),
// OpenRouter (gen- ids, provider field, processing comment, usage.cost) and a plain
// OpenAI-compatible server (vLLM/Ollama-like: no extras).
import { randomId, type FakeAnswer } from './answer';
import type { WireFormat } from './wire-format';

export type OpenAiFlavour = 'openai' | 'openrouter' | 'compat';

const errorTypes: Record<number, { type: string; code: string | null; message: string }> = {
  400: {
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
  },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model `fake-model` does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-4o on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later' },
};

function openAiErrorBody(status: number, message?: string): string {
  const known = errorTypes[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null, message: `HTTP ${status}` };
  return JSON.stringify({ error: { message: message ?? known.message, type: known.type, param: null, code: known.code } });
}

function openRouterErrorBody(status: number, message?: string): string {
  const messages: Record<number, string> = {
    400: "This endpoint's maximum context length is 128000 tokens. However, you requested about 130000 tokens. Please reduce the length of either one, or use the \"middle-out\" transform to compress your prompt automatically.",
    401: 'No auth credentials found',
    402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
    429: 'Provider returned error',
  };
  const error: Record<string, unknown> = { code: status, message: message ?? messages[status] ?? 'Provider returned error' };
  if (status === 429 && message === undefined) {
    error.metadata = { provider_name: 'OpenAI', raw: 'openai/gpt-4o is temporarily rate-limited upstream. Please retry shortly.' };
  }
  return JSON.stringify({ error, user_id: 'user_fake' });
}

function usageObject(answer: FakeAnswer, flavour: OpenAiFlavour) {
  if (!answer.usage) return undefined;
  const { promptTokens, completionTokens } = answer.usage;
  const usage: Record<string, unknown> = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (flavour === 'openai') {
    usage.prompt_tokens_details = { cached_tokens: 0, audio_tokens: 0 };
    usage.completion_tokens_details = { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 };
  } else if (flavour === 'openrouter') {
    // OpenRouter reports the charged cost (USD) next to the token counts.
    usage.cost = Number(((promptTokens * 2.5 + completionTokens * 10) / 1_000_000).toFixed(8));
    usage.is_byok = false;
    usage.prompt_tokens_details = { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0, video_tokens: 0 };
    usage.completion_tokens_details = { reasoning_tokens: 0, image_tokens: 0, audio_tokens: 0 };
  }
  return usage;
}

function toolCallObject(answer: FakeAnswer) {
  const call = answer.toolCall!;
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

export function createOpenAiWire(flavour: OpenAiFlavour): WireFormat {
  const head = (answer: FakeAnswer, object: string): Record<string, unknown> => {
    const fields: Record<string, unknown> = { id: answer.id, object, created: answer.created, model: answer.model };
    if (flavour === 'openai') {
      fields.service_tier = 'default';
      fields.system_fingerprint = 'fp_fake0001';
    }
    if (flavour === 'openrouter') fields.provider = 'OpenAI';
    return fields;
  };

  function chunk(answer: FakeAnswer, delta: Record<string, unknown>, finishReason: string | null, usage?: unknown): string {
    const choice: Record<string, unknown> = { index: 0, delta };
    if (flavour !== 'openrouter') choice.logprobs = null;
    choice.finish_reason = finishReason;
    if (flavour === 'openrouter') choice.native_finish_reason = finishReason;
    const body: Record<string, unknown> = { ...head(answer, 'chat.completion.chunk'), choices: [choice] };
    // OpenAI adds "usage":null to every chunk when include_usage was requested.
    if (flavour === 'openai' && answer.includeUsage) body.usage = null;
    if (usage) body.usage = usage;
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  return {
    streamContentType: flavour === 'openai' ? 'text/event-stream; charset=utf-8' : 'text/event-stream',
    jsonContentType: 'application/json',
    completionBody(answer) {
      const message: Record<string, unknown> = answer.toolCall
        ? { role: 'assistant', content: null, tool_calls: [toolCallObject(answer)], refusal: null, annotations: [] }
        : { role: 'assistant', content: answer.text, refusal: null, annotations: [] };
      const finishReason = answer.toolCall ? 'tool_calls' : 'stop';
      const choice: Record<string, unknown> = { index: 0, message, logprobs: null, finish_reason: finishReason };
      if (flavour === 'openrouter') choice.native_finish_reason = finishReason;
      const body: Record<string, unknown> = { ...head(answer, 'chat.completion'), choices: [choice] };
      const usage = usageObject(answer, flavour);
      if (usage) body.usage = usage;
      return JSON.stringify(body);
    },
    streamEvents(answer) {
      const events: string[] = [];
      if (answer.toolCall) {
        const call = answer.toolCall;
        events.push(
          chunk(answer, { role: 'assistant', content: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }], refusal: null }, null),
        );
        for (const piece of call.argumentPieces) events.push(chunk(answer, { tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
        events.push(chunk(answer, {}, 'tool_calls', answer.usageOnFinishChunk ? usageObject(answer, flavour) : undefined));
      } else {
        events.push(chunk(answer, { role: 'assistant', content: '', refusal: null }, null));
        for (const piece of answer.pieces) events.push(chunk(answer, { content: piece }, null));
        events.push(chunk(answer, {}, 'stop', answer.usageOnFinishChunk ? usageObject(answer, flavour) : undefined));
      }
      // The usage-only chunk is sent when asked for (OpenRouter: always, as it bills per call).
      const usage = usageObject(answer, flavour);
      if (usage && !answer.usageOnFinishChunk && (answer.includeUsage || flavour === 'openrouter')) {
        events.push(`data: ${JSON.stringify({ ...head(answer, 'chat.completion.chunk'), choices: [], usage })}\n\n`);
      }
      events.push('data: [DONE]\n\n');
      // OpenRouter holds the connection open with comments while the routed provider starts.
      if (flavour === 'openrouter') events[0] = `: OPENROUTER PROCESSING\n\n${events[0]}`;
      return events;
    },
    errorBody: flavour === 'openrouter' ? openRouterErrorBody : openAiErrorBody,
    invalidStream:
      'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel\n\n' +
      'data: <html><body>502 Bad Gateway</body></html>\n\n' +
      'event\n\ndata {"choices":[]}\n\n',
    responseHeaders(): Record<string, string> {
      if (flavour === 'openai') return { 'x-request-id': `req_${randomId(32)}`, 'openai-processing-ms': '5', 'openai-version': '2020-10-01' };
      return {};
    },
  };
}

export function newOpenAiId(flavour: OpenAiFlavour, created: number): string {
  return flavour === 'openrouter' ? `gen-${created}-${randomId(20)}` : `chatcmpl-${randomId(29)}`;
}
