// The one interface the gateway core knows about providers. A provider is a folder under
// lib/providers/<name>/ exporting a ProviderAdapter; the core never special-cases names.

/** An OpenAI Chat Completions request body, as the client sent it (validated by the gateway). */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
  tools?: ChatTool[] | null;
  tool_choice?: unknown;
  parallel_tool_calls?: boolean | null;
  response_format?:
    | { type: 'text' }
    | { type: 'json_object' }
    | { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null; description?: string } }
    | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  user?: string | null;
  n?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  /** Other OpenAI fields are passed through to OpenAI-format upstreams untouched. */
  [field: string]: unknown;
}

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: string; [k: string]: unknown };

export type ChatMessage =
  | { role: 'system' | 'developer'; content: string | ChatContentPart[]; name?: string }
  | { role: 'user'; content: string | ChatContentPart[]; name?: string }
  | { role: 'assistant'; content?: string | ChatContentPart[] | null; tool_calls?: ChatToolCall[] | null; name?: string; refusal?: string | null }
  | { role: 'tool'; content: string | ChatContentPart[]; tool_call_id: string };

export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; [k: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown } | null;
  [k: string]: unknown;
}

/** An OpenAI Chat Completions response body (non-streaming). */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[]; refusal?: string | null; [k: string]: unknown };
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  usage?: Usage;
  system_fingerprint?: string | null;
  [k: string]: unknown;
}

export type ProviderId =
  | 'openai'
  | 'anthropic'
  | 'gemini'
  | 'openrouter'
  | 'groq'
  | 'together'
  | 'deepseek'
  | 'mistral'
  | 'xai'
  | 'fireworks'
  | 'custom';

/** Where one attempt goes: resolved by the gateway from the catalog + provider config. */
export interface ProviderTarget {
  provider: ProviderId;
  /** The model id the upstream expects (e.g. "claude-sonnet-4-20250514", "openai/gpt-4o"). */
  upstreamModel: string;
  /** Base URL in the official SDK's convention for that provider (OpenAI's includes /v1). */
  baseUrl: string;
  apiKey: string;
}

/** What to send upstream; the gateway sends it with undici. */
export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface BuildRequestOptions {
  stream: boolean;
  /** The client asked for usage in the stream; adapters should always ask upstream for usage anyway. */
  includeUsage: boolean;
  /**
   * The client's raw body, when the gateway did not change anything but `model`:
   * OpenAI-format adapters may splice the upstream model into it instead of re-serialising.
   */
  rawBody?: string;
}

/** What the stream transform reports while bytes flow through it. */
export interface StreamObserver {
  /** A content delta of choice 0 (text), used for JSON checks and the stored response. */
  text?(delta: string): void;
  usage?(usage: Usage): void;
  finish?(reason: FinishReason | null): void;
  /** The upstream sent an error inside a 200 stream (e.g. OpenRouter mid-stream error, Anthropic `error` event). */
  error?(error: UpstreamError): void;
}

export interface StreamContext {
  /** Model id to put in translated chunks (the catalog id served). */
  model: string;
  /** Completion id to put in translated chunks, e.g. "chatcmpl-<request id>". */
  id: string;
  created: number;
  /** Whether the client asked for the final usage chunk (stream_options.include_usage). */
  includeUsage: boolean;
  observer: StreamObserver;
}

export interface ResponseContext {
  model: string;
  id: string;
  created: number;
}

export interface ProviderAdapter {
  id: ProviderId;
  /** Turn the OpenAI request into the provider's HTTP request. Throws UpstreamError(kind 'invalid_request') when impossible. */
  buildRequest(request: ChatCompletionRequest, target: ProviderTarget, options: BuildRequestOptions): UpstreamRequest;
  /** Turn a 2xx non-streaming body into an OpenAI chat.completion. Throws UpstreamError(kind 'bad_response') on garbage. */
  parseResponse(body: string, context: ResponseContext): ChatCompletion;
  /**
   * Upstream SSE bytes → OpenAI SSE bytes (`data: {chunk}\n\n` … `data: [DONE]\n\n`).
   * Must be chunking-independent: any split of the input bytes gives the same output events.
   * Emits the final usage chunk only when context.includeUsage; always reports usage to the observer.
   */
  createStreamTransform(context: StreamContext): TransformStream<Uint8Array, Uint8Array>;
  /**
   * Optional, same contract as createStreamTransform without the web-streams machinery: the
   * gateway feeds the upstream's Node stream through it directly (measured in bench/: the
   * ReadableStream/TransformStream plumbing was ~20 % of a streaming call's CPU).
   */
  createPushTransform?(context: StreamContext): PushTransform;
  /** Map a non-2xx upstream answer to a typed error (decides retry / fallback). */
  mapError(status: number, body: string, headers: Record<string, string | string[] | undefined>): UpstreamError;
}

/** A synchronous stream transform: bytes in, bytes out (empty when nothing is ready yet). */
export interface PushTransform {
  push(bytes: Uint8Array): Uint8Array;
  /** The upstream ended: whatever is left, the closing `data: [DONE]` included. */
  end(): Uint8Array;
}

/**
 * Why an attempt failed. The gateway decides from `kind`:
 * retry on the same model: rate_limited, overloaded, server_error, timeout, reset (with backoff, within the deadline);
 * fall back to the next model: all of those plus connect, unconfigured, bad_response, context_length;
 * return to the client as-is: invalid_request, auth, not_found, permission.
 */
export type UpstreamErrorKind =
  | 'connect'
  | 'timeout'
  | 'reset'
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'bad_response'
  | 'unconfigured'
  | 'context_length'
  | 'invalid_request'
  | 'auth'
  | 'permission'
  | 'not_found';

export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  /** HTTP status the upstream answered, when it answered. */
  readonly status: number | undefined;
  /** Seconds the upstream asked us to wait (Retry-After / retry-after-ms), when given. */
  readonly retryAfterSeconds: number | undefined;
  /** The provider's own message, safe to show to the client. */
  readonly providerMessage: string;
  constructor(kind: UpstreamErrorKind, providerMessage: string, options: { status?: number; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(`${kind}${options.status ? ` (${options.status})` : ''}: ${providerMessage}`, { cause: options.cause });
    this.name = 'UpstreamError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.providerMessage = providerMessage;
  }
}
