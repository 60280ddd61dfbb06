// Which fake provider a path belongs to, and what the request asks for, per provider convention.
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeProviderName } from './fake-types';

export interface RoutedRequest {
  provider: FakeProviderName;
  host: string | undefined;
  /** Model from the path (Gemini); others read it from the body. */
  pathModel: string | undefined;
  /** Gemini :streamGenerateContent; others decide from the body. */
  pathStream: boolean;
  /** Gemini streaming without alt=sse answers a JSON array. */
  jsonArrayStream: boolean;
}

const GEMINI_PATH = /^\/gemini\/v1(?:beta|alpha)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const COMPAT_PATH = /^\/compat(?:\/([a-z0-9_-]+))?\/v1\/chat\/completions$/;

export function routeRequest(pathname: string, search: URLSearchParams): RoutedRequest | undefined {
  if (pathname === '/openai/v1/chat/completions') return { provider: 'openai', host: undefined, pathModel: undefined, pathStream: false, jsonArrayStream: false };
  if (pathname === '/openrouter/api/v1/chat/completions') return { provider: 'openrouter', host: undefined, pathModel: undefined, pathStream: false, jsonArrayStream: false };
  if (pathname === '/anthropic/v1/messages') return { provider: 'anthropic', host: undefined, pathModel: undefined, pathStream: false, jsonArrayStream: false };
  const compat = COMPAT_PATH.exec(pathname);
  if (compat) return { provider: 'compat', host: compat[1], pathModel: undefined, pathStream: false, jsonArrayStream: false };
  const gemini = GEMINI_PATH.exec(pathname);
  if (gemini) {
    const stream = gemini[2] === 'streamGenerateContent';
    return { provider: 'gemini', host: undefined, pathModel: decodeURIComponent(gemini[1]), pathStream: stream, jsonArrayStream: stream && search.get('alt') !== 'sse' };
  }
  return undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The real APIs' authentication requirements (any non-empty key is accepted). Undefined = ok. */
export function authenticationProblem(provider: FakeProviderName, headers: IncomingHttpHeaders, search: URLSearchParams): { status: number; message: string } | undefined {
  switch (provider) {
    case 'openai':
    case 'openrouter': {
      const authorization = header(headers, 'authorization') ?? '';
      return /^Bearer \S+/.test(authorization) ? undefined : { status: 401, message: 'You didn\'t provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).' };
    }
    case 'anthropic':
      if (!header(headers, 'x-api-key')) return { status: 401, message: 'x-api-key header is required' };
      if (!header(headers, 'anthropic-version')) return { status: 400, message: 'anthropic-version: header is required' };
      return undefined;
    case 'gemini':
      return header(headers, 'x-goog-api-key') || search.get('key')
        ? undefined
        : { status: 403, message: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API." };
    case 'compat':
      // Self-hosted servers (Ollama, vLLM) often run keyless.
      return undefined;
  }
}
