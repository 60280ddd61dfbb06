// The whole OpenAI request → Anthropic Messages API request (URL, headers, body).
import { UpstreamError, type BuildRequestOptions, type ChatCompletionRequest, type ProviderTarget, type UpstreamRequest } from '../types';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';
import { prepareAnthropicTools } from './prepare-anthropic-tools';

export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic requires max_tokens; OpenAI does not. 4096 is what the Anthropic SDK examples and
 * most clients use, and every current Claude model can produce at least that much.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

export interface AnthropicRequestOptions {
  /** max_tokens when the client gave none (default DEFAULT_ANTHROPIC_MAX_TOKENS). */
  defaultMaxTokens?: number;
  /**
   * The model's maximum output tokens (from the catalog), when known: the default is capped to
   * it, since Anthropic rejects a max_tokens above the model's limit.
   */
  maxOutputTokens?(upstreamModel: string): number | undefined;
}

function jsonInstruction(request: ChatCompletionRequest): string | undefined {
  const format = request.response_format;
  // This API version has no native JSON mode; an instruction is the portable way. The gateway's
  // JSON check / repair step catches the cases where the model still adds prose.
  if (format?.type === 'json_object') {
    return 'Respond with a single valid JSON object only: no prose, no explanations and no Markdown code fences.';
  }
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? {};
    const description = format.json_schema.description ? `\nDescription: ${format.json_schema.description}` : '';
    return (
      `Respond with a single valid JSON value only (no prose, no explanations, no Markdown code fences) ` +
      `that conforms to this JSON Schema, named "${format.json_schema.name}":${description}\n${JSON.stringify(schema)}`
    );
  }
  return undefined;
}

export function buildAnthropicRequest(
  request: ChatCompletionRequest,
  target: ProviderTarget,
  options: BuildRequestOptions,
  settings: AnthropicRequestOptions = {},
): UpstreamRequest {
  // Anthropic returns one completion per call; silently returning 1 of n would break clients
  // that index choices[1].
  if (request.n !== undefined && request.n !== null && request.n > 1) {
    throw new UpstreamError('invalid_request', `n=${request.n} is not supported for Anthropic models: they return one choice per request`);
  }

  const prompt = convertToAnthropicMessages(request.messages);
  const instruction = jsonInstruction(request);
  const system = [prompt.system, instruction].filter((text): text is string => text !== undefined).join('\n\n');
  const { tools, toolChoice } = prepareAnthropicTools(request.tools, request.tool_choice, request.parallel_tool_calls);

  const modelLimit = settings.maxOutputTokens?.(target.upstreamModel);
  const defaultMaxTokens = Math.min(settings.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS, modelLimit ?? Infinity);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens;

  const stop = request.stop === undefined || request.stop === null ? undefined : typeof request.stop === 'string' ? [request.stop] : request.stop;

  // OpenAI's temperature goes to 2, Anthropic's to 1: clamping keeps a request that was valid
  // for OpenAI valid here, which matters when we fall back to Claude mid-chain.
  const temperature = request.temperature === undefined || request.temperature === null ? undefined : Math.min(request.temperature, 1);
  // Newer Claude models (Sonnet 4.5 and later) reject temperature and top_p together; the
  // temperature is the more common knob, so it wins.
  const topP = temperature === undefined ? request.top_p ?? undefined : undefined;

  // Dropped on purpose (no Anthropic equivalent): seed, presence_penalty, frequency_penalty,
  // logit_bias, logprobs/top_logprobs, service_tier, store, reasoning_effort, metadata.
  const body = {
    model: target.upstreamModel,
    max_tokens: maxTokens,
    ...(system.length > 0 ? { system } : {}),
    messages: prompt.messages,
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(topP !== undefined ? { top_p: topP } : {}),
    ...(stop && stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(request.user ? { metadata: { user_id: request.user } } : {}),
    ...(options.stream ? { stream: true } : {}),
  };

  return {
    // ANTHROPIC_BASE_URL convention (the official SDK's): the base has no /v1.
    url: `${target.baseUrl.replace(/\/+$/, '')}/v1/messages`,
    headers: {
      'content-type': 'application/json',
      'x-api-key': target.apiKey,
      'anthropic-version': ANTHROPIC_VERSION,
    },
    body: JSON.stringify(body),
  };
}
