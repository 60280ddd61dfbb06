// The Anthropic Messages API as a ProviderAdapter. Everything provider-specific lives in this
// folder; the gateway core only sees `anthropicAdapter` (or one built with catalog limits).
import type { ProviderAdapter } from '../types';
import { buildAnthropicRequest, type AnthropicRequestOptions } from './build-anthropic-request';
import { createAnthropicStreamTransform } from './create-anthropic-stream-transform';
import { mapAnthropicError } from './map-anthropic-error';
import { parseAnthropicResponse } from './parse-anthropic-response';

export { ANTHROPIC_VERSION, DEFAULT_ANTHROPIC_MAX_TOKENS, type AnthropicRequestOptions } from './build-anthropic-request';

export function createAnthropicAdapter(settings: AnthropicRequestOptions = {}): ProviderAdapter {
  return {
    id: 'anthropic',
    buildRequest: (request, target, options) => buildAnthropicRequest(request, target, options, settings),
    parseResponse: parseAnthropicResponse,
    createStreamTransform: createAnthropicStreamTransform,
    mapError: mapAnthropicError,
  };
}

export const anthropicAdapter: ProviderAdapter = createAnthropicAdapter();
