import type { BuildRequestOptions, ChatCompletionRequest, ProviderTarget, UpstreamRequest } from '../types';
import { GATEWAY_ONLY_PARAMETERS, type OpenAiFormatHost } from './openai-format-host';
import { scanTopLevelMembers, spliceTopLevelMembers } from './splice-top-level-members';

/** `${baseUrl}/chat/completions`, tolerating a trailing slash on the configured base URL. */
export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

/**
 * The top-level fields to change: a value to set, or undefined to remove. Everything else in
 * the client's body goes upstream untouched (OpenAI-format hosts understand it).
 */
function bodyChanges(host: OpenAiFormatHost, request: ChatCompletionRequest, target: ProviderTarget, options: BuildRequestOptions) {
  const changes = new Map<string, unknown>();
  for (const field of GATEWAY_ONLY_PARAMETERS) changes.set(field, undefined);
  for (const field of host.excludedParameters) changes.set(field, undefined);
  for (const [from, to] of Object.entries(host.renamedParameters)) {
    if (request[from] === undefined) continue;
    changes.set(from, undefined);
    // The client's own spelling of the target field wins over the renamed one.
    if (request[to] === undefined) changes.set(to, request[from]);
  }
  changes.set('model', target.upstreamModel);
  // Not streaming: drop `stream` (false is the default) and `stream_options`, which OpenAI rejects
  // without stream=true.
  changes.set('stream', options.stream ? true : undefined);
  // Always ask for usage upstream: cost is computed from it. Whether the client sees the usage
  // chunk is decided by the stream transform (StreamContext.includeUsage).
  changes.set(
    'stream_options',
    options.stream && host.acceptsStreamOptions ? { ...(request.stream_options ?? {}), include_usage: true } : undefined,
  );
  return changes;
}

function serialiseRequest(request: ChatCompletionRequest, changes: ReadonlyMap<string, unknown>): string {
  const body: Record<string, unknown> = { ...request };
  for (const [field, value] of changes) {
    if (value === undefined) delete body[field];
    else body[field] = value;
  }
  return JSON.stringify(body);
}

export function buildOpenAiRequest(
  host: OpenAiFormatHost,
  request: ChatCompletionRequest,
  target: ProviderTarget,
  options: BuildRequestOptions,
): UpstreamRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...host.extraHeaders };
  // Keyless hosts (a local Ollama) get no Authorization header at all.
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  if (options.stream) headers.accept = 'text/event-stream';

  const changes = bodyChanges(host, request, target, options);
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    const members = scanTopLevelMembers(options.rawBody);
    if (members) body = spliceTopLevelMembers(options.rawBody, members, changes);
  }
  body ??= serialiseRequest(request, changes);
  return { url: chatCompletionsUrl(target.baseUrl), headers, body };
}
