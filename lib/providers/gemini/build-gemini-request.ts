// The whole OpenAI request → Gemini generateContent / streamGenerateContent request.
import type { BuildRequestOptions, ChatCompletionRequest, ProviderTarget, UpstreamRequest } from '../types';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema';
import { convertToGeminiContents } from './convert-to-gemini-contents';
import { prepareGeminiTools } from './prepare-gemini-tools';

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

export function buildGeminiRequest(request: ChatCompletionRequest, target: ProviderTarget, options: BuildRequestOptions): UpstreamRequest {
  const { systemInstruction, contents } = convertToGeminiContents(request.messages);
  const { tools, toolConfig } = prepareGeminiTools(request.tools, request.tool_choice);

  const format = request.response_format;
  const jsonMode = format?.type === 'json_object' || format?.type === 'json_schema';
  const responseSchema = format?.type === 'json_schema' ? convertJsonSchemaToGeminiSchema(format.json_schema.schema) : undefined;
  const stop = request.stop === undefined || request.stop === null ? undefined : typeof request.stop === 'string' ? [request.stop] : request.stop;

  // Dropped on purpose (no Gemini equivalent in generationConfig): logit_bias, logprobs,
  // top_logprobs, user, parallel_tool_calls, service_tier, store, reasoning_effort.
  const generationConfig = defined({
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens,
    temperature: request.temperature,
    topP: request.top_p,
    stopSequences: stop && stop.length > 0 ? stop : undefined,
    seed: request.seed,
    candidateCount: request.n,
    // Penalties are rejected by some Gemini models (Gemini 3, the exp models) with a 400, and
    // many OpenAI clients send 0 by default: a zero penalty is a no-op, so only non-zero ones go.
    presencePenalty: request.presence_penalty || undefined,
    frequencyPenalty: request.frequency_penalty || undefined,
    responseMimeType: jsonMode ? 'application/json' : undefined,
    responseSchema,
  });

  const body = {
    contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };

  // The Gemini API base (https://generativelanguage.googleapis.com) has no version segment.
  const base = `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(target.upstreamModel)}`;
  return {
    // Streaming: alt=sse gives SSE framing; usage comes on every chunk, so nothing to ask for.
    url: options.stream ? `${base}:streamGenerateContent?alt=sse` : `${base}:generateContent`,
    headers: { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey },
    body: JSON.stringify(body),
  };
}
