import type { ProviderId } from '../types';

/**
 * What differs between hosts that speak the OpenAI Chat Completions wire format. Kept as data so
 * the OpenAI adapter code has no per-host branches (OpenAI itself is one of these hosts).
 */
export interface OpenAiFormatHost {
  id: ProviderId;
  /** Top-level request fields the host rejects (or that mean something else there); removed before sending. */
  excludedParameters: readonly string[];
  /** Top-level request fields the host names differently, e.g. Mistral's `random_seed` for `seed`. */
  renamedParameters: Readonly<Record<string, string>>;
  /**
   * Whether the host accepts `stream_options: {include_usage: true}`. Hosts that reject it
   * (or always send usage anyway) get it removed instead.
   */
  acceptsStreamOptions: boolean;
  /** Extra headers sent on every request (e.g. OpenRouter's app attribution). */
  extraHeaders: Readonly<Record<string, string>>;
  /**
   * Top-level chunk fields that carry `{usage}` when the chunk has no top-level `usage`
   * (Groq reports stream usage in `x_groq.usage`).
   */
  usageContainers: readonly string[];
}

/** Fields only the gateway understands; never sent to any upstream. */
export const GATEWAY_ONLY_PARAMETERS: readonly string[] = ['models'];

export const openAiHost: OpenAiFormatHost = {
  id: 'openai',
  excludedParameters: [],
  renamedParameters: {},
  acceptsStreamOptions: true,
  extraHeaders: {},
  usageContainers: [],
};
