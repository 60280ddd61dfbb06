import type { ProviderAdapter } from '../types';
import { buildOpenAiRequest } from './build-openai-request';
import { mapOpenAiError } from './map-openai-error';
import { openAiHost, type OpenAiFormatHost } from './openai-format-host';
import { createOpenAiPushTransform, createOpenAiStreamTransform } from './openai-stream-transform';
import { parseOpenAiResponse } from './parse-openai-response';

/** A ProviderAdapter for any host speaking the OpenAI Chat Completions format. */
export function createOpenAiFormatAdapter(host: OpenAiFormatHost): ProviderAdapter {
  return {
    id: host.id,
    buildRequest: (request, target, options) => buildOpenAiRequest(host, request, target, options),
    parseResponse: (body, context) => parseOpenAiResponse(body, context),
    createStreamTransform: (context) => createOpenAiStreamTransform(host, context),
    createPushTransform: (context) => createOpenAiPushTransform(host, context),
    mapError: (status, body, headers) => mapOpenAiError(status, body, headers),
  };
}

export const openaiAdapter: ProviderAdapter = createOpenAiFormatAdapter(openAiHost);
