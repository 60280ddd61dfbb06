// Routes through OpenAI-compatible hosts (DeepSeek, Mistral, xAI, Groq, Together, Fireworks),
// added only where LiteLLM's table lists the model under that host: LiteLLM's keys are the ids
// those hosts expect ("groq/llama-3.3-70b-versatile" → upstream "llama-3.3-70b-versatile").
// Matching OpenRouter ids to host ids is by a normalised model name, plus an explicit table for
// names no rule can relate (Groq's "-versatile", Mistral's "open-" prefixes, Llama 4's sizes).
import type { ModelRoute } from '../../lib/catalog/types';
import type { ProviderId } from '../../lib/providers/types';
import type { LiteLlmEntry } from './read-fixtures';

interface HostSpec {
  provider: ProviderId;
  liteLlmProvider: string;
  /** Key prefix LiteLLM uses; the rest of the key is the upstream model id. */
  keyPrefix: string;
  /** Only these keys are real model ids (Fireworks also lists pricing buckets and routers). */
  keyMustStartWith?: string;
  /** The host serves only this vendor's models (its first-party API); absent for multi-vendor hosts. */
  vendor?: string;
}

/** Route order after the native provider: first-party APIs, then the multi-vendor hosts. */
export const HOSTS: HostSpec[] = [
  { provider: 'deepseek', liteLlmProvider: 'deepseek', keyPrefix: 'deepseek/', vendor: 'deepseek' },
  { provider: 'mistral', liteLlmProvider: 'mistral', keyPrefix: 'mistral/', vendor: 'mistralai' },
  { provider: 'xai', liteLlmProvider: 'xai', keyPrefix: 'xai/', vendor: 'x-ai' },
  { provider: 'groq', liteLlmProvider: 'groq', keyPrefix: 'groq/' },
  { provider: 'together', liteLlmProvider: 'together_ai', keyPrefix: 'together_ai/' },
  { provider: 'fireworks', liteLlmProvider: 'fireworks_ai', keyPrefix: 'fireworks_ai/', keyMustStartWith: 'fireworks_ai/accounts/fireworks/models/' },
];

/**
 * OpenRouter id → LiteLLM keys, for pairs the name rule cannot find; an entry replaces the rule for
 * that host. Every key must exist in the LiteLLM table (generation fails otherwise, so a stale
 * entry is noticed at the next regeneration).
 */
export const HOST_ROUTE_TABLE: Record<string, string[]> = {
  // DeepSeek's API serves R1 as "deepseek-reasoner"; LiteLLM's "deepseek/deepseek-r1" is its own alias.
  'deepseek/deepseek-r1': ['deepseek/deepseek-reasoner'],
  'mistralai/mistral-large': ['mistral/mistral-large-latest'],
  'mistralai/mistral-medium-3': ['mistral/mistral-medium-2505'],
  'mistralai/mistral-small-3.2-24b-instruct': ['mistral/mistral-small-3-2-2506'],
  'mistralai/mistral-nemo': ['mistral/open-mistral-nemo'],
  'mistralai/mistral-7b-instruct': ['mistral/open-mistral-7b'],
  'mistralai/mixtral-8x7b-instruct': ['mistral/open-mixtral-8x7b'],
  'mistralai/mixtral-8x22b-instruct': ['mistral/open-mixtral-8x22b'],
  'mistralai/codestral-mamba': ['mistral/open-codestral-mamba'],
  'mistralai/pixtral-12b': ['mistral/pixtral-12b-2409'],
  'mistralai/devstral-small': ['mistral/devstral-small-2505'],
  'mistralai/ministral-8b': ['mistral/ministral-8b-latest'],
  'mistralai/ministral-3b-2512': ['mistral/ministral-3-3b-2512'],
  'mistralai/ministral-14b-2512': ['mistral/ministral-3-14b-2512'],
  'meta-llama/llama-3.3-70b-instruct': ['groq/llama-3.3-70b-versatile'],
  'meta-llama/llama-3.1-8b-instruct': ['groq/llama-3.1-8b-instant'],
  'meta-llama/llama-4-maverick': [
    'groq/meta-llama/llama-4-maverick-17b-128e-instruct',
    'together_ai/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
    'fireworks_ai/accounts/fireworks/models/llama4-maverick-instruct-basic',
  ],
  'meta-llama/llama-4-scout': [
    'groq/meta-llama/llama-4-scout-17b-16e-instruct',
    'together_ai/meta-llama/Llama-4-Scout-17B-16E-Instruct',
    'fireworks_ai/accounts/fireworks/models/llama4-scout-instruct-basic',
  ],
};

export interface HostMatch {
  route: ModelRoute;
  liteLlmKey: string;
}

/** Builds the per-host name index once; the returned function maps a base OpenRouter id to its host routes. */
export function createHostRouteMatcher(liteLlm: ReadonlyMap<string, LiteLlmEntry>): (id: string) => HostMatch[] {
  const indexes = HOSTS.map((host) => ({ host, byName: indexHost(host, liteLlm) }));
  return (id) => {
    const [vendor, model] = splitId(id);
    const explicit = resolveExplicitEntry(id, liteLlm);
    const matches: HostMatch[] = [];
    for (const { host, byName } of indexes) {
      const key = explicit.get(host.provider) ?? pickKey(byName.get(comparableName(model, host)), model);
      if (!key) continue;
      if (host.vendor && host.vendor !== vendor) continue;
      matches.push({ route: { provider: host.provider, upstreamModel: key.slice(host.keyPrefix.length) }, liteLlmKey: key });
    }
    return matches;
  };
}

function indexHost(host: HostSpec, liteLlm: ReadonlyMap<string, LiteLlmEntry>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [key, entry] of liteLlm) {
    if (entry.litellm_provider !== host.liteLlmProvider || !key.startsWith(host.keyMustStartWith ?? host.keyPrefix)) continue;
    // Together's "-Free" endpoints are rate-limited promos, not the model's production route.
    if (/-free$/i.test(key)) continue;
    const name = comparableName(key.slice(host.keyPrefix.length), host);
    byName.set(name, [...(byName.get(name) ?? []), key]);
  }
  return byName;
}

/**
 * A name both sides agree on: the last path segment, lower-cased, Fireworks' "3p3" → "3.3",
 * "meta-llama-3.1" / "llama-v3p1" → "llama-3.1", deployment suffixes (-turbo, -fp8, -tput, -hf,
 * -basic) dropped, then dashes removed so "qwen-2.5-72b" meets "qwen2.5-72b".
 */
export function comparableName(name: string, host?: Pick<HostSpec, 'provider'>): string {
  let text = name.toLowerCase();
  text = text.slice(text.lastIndexOf('/') + 1);
  if (host?.provider === 'fireworks') text = text.replace(/(\d)p(\d)/g, '$1.$2');
  text = text.replace(/^meta-llama-/, 'llama-').replace(/^llama-v(\d)/, 'llama-$1');
  text = text.replace(/(-(turbo|fp8|tput|hf|basic))+$/, '');
  return text.replace(/[-_]/g, '');
}

/** Several keys can share a name (e.g. "-hf" builds): prefer the exact model name, then the shortest key. */
function pickKey(keys: string[] | undefined, model: string): string | undefined {
  if (!keys) return undefined;
  const exact = keys.filter((key) => key.toLowerCase().endsWith(`/${model}`));
  const pool = exact.length > 0 ? exact : keys;
  return [...pool].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

/** Checked when the model is built, so a table entry whose LiteLLM key disappeared fails generation. */
function resolveExplicitEntry(id: string, liteLlm: ReadonlyMap<string, LiteLlmEntry>): Map<ProviderId, string> {
  const byProvider = new Map<ProviderId, string>();
  for (const key of HOST_ROUTE_TABLE[id] ?? []) {
    const entry = liteLlm.get(key);
    const host = HOSTS.find((candidate) => candidate.liteLlmProvider === entry?.litellm_provider && key.startsWith(candidate.keyPrefix));
    if (!host) throw new Error(`HOST_ROUTE_TABLE: ${id} → ${key} is not a chat model of a known host in LiteLLM's table`);
    byProvider.set(host.provider, key);
  }
  return byProvider;
}

function splitId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}
