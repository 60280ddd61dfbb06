// The Gemini API (generativelanguage.googleapis.com, v1beta generateContent) as a
// ProviderAdapter. Everything Gemini-specific lives in this folder.
import type { ProviderAdapter } from '../types';
import { buildGeminiRequest } from './build-gemini-request';
import { createGeminiStreamTransform } from './create-gemini-stream-transform';
import { mapGeminiError } from './map-gemini-error';
import { parseGeminiResponse } from './parse-gemini-response';

export { SKIP_THOUGHT_SIGNATURE } from './convert-to-gemini-contents';

export const geminiAdapter: ProviderAdapter = {
  id: 'gemini',
  buildRequest: buildGeminiRequest,
  parseResponse: parseGeminiResponse,
  createStreamTransform: createGeminiStreamTransform,
  mapError: mapGeminiError,
};
