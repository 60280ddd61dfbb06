// Routes to the vendors we have a native adapter for (OpenAI, Anthropic, Gemini), and the aliases
// those vendors' own model ids give us. A native route is only emitted when LiteLLM's table lists
// the upstream id under that vendor as a chat model: sending a retired or Responses-only id (e.g.
// "o1-pro", "gpt-oss-120b" which OpenAI does not host) would fail with a 404 that the gateway
// returns to the client instead of falling back to OpenRouter.
import type { ModelRoute } from '../../lib/catalog/types';
import type { LiteLlmEntry } from './read-fixtures';

export interface NativeMatch {
  route?: ModelRoute;
  /** The LiteLLM entry describing the native offering (limits, capability flags, cached price). */
  liteLlmKey?: string;
  /** Ids the vendor's own API uses for this model, accepted as aliases by getModel. */
  aliases: string[];
}

/**
 * Anthropic API ids for OpenRouter ids the rule below cannot produce. These Claude 3.5 snapshots
 * are absent from LiteLLM's `anthropic` section (Anthropic retired them), so they get no native
 * route; the table still lets clients send Anthropic's id and reach the OpenRouter-routed model.
 */
const ANTHROPIC_ALIAS_ONLY: Record<string, string> = {
  'anthropic/claude-3.5-sonnet': 'claude-3-5-sonnet-20241022',
  'anthropic/claude-3.5-sonnet-20240620': 'claude-3-5-sonnet-20240620',
  'anthropic/claude-3.5-haiku': 'claude-3-5-haiku-20241022',
  'anthropic/claude-3.5-haiku-20241022': 'claude-3-5-haiku-20241022',
};

/** `id` is a base OpenRouter id (no ":variant"). */
export function matchNativeRoute(id: string, liteLlm: ReadonlyMap<string, LiteLlmEntry>): NativeMatch {
  const slash = id.indexOf('/');
  const vendor = id.slice(0, slash);
  const model = id.slice(slash + 1);
  if (vendor === 'openai') {
    // The bare id is an alias even without a native route: "gpt-4o" is what OpenAI SDK users type.
    const confirmed = liteLlm.get(model)?.litellm_provider === 'openai';
    return confirmed ? { route: { provider: 'openai', upstreamModel: model }, liteLlmKey: model, aliases: [model] } : { aliases: [model] };
  }
  if (vendor === 'anthropic') {
    const apiId = deriveAnthropicApiId(model, liteLlm);
    if (apiId) return { route: { provider: 'anthropic', upstreamModel: apiId }, liteLlmKey: apiId, aliases: [apiId] };
    const aliasOnly = ANTHROPIC_ALIAS_ONLY[id];
    return { aliases: aliasOnly ? [aliasOnly] : [] };
  }
  if (vendor === 'google') {
    const key = `gemini/${model}`;
    if (liteLlm.get(key)?.litellm_provider === 'gemini') {
      return { route: { provider: 'gemini', upstreamModel: model }, liteLlmKey: key, aliases: [model] };
    }
  }
  return { aliases: [] };
}

/**
 * OpenRouter writes versions with dots ("claude-3.7-sonnet", "claude-sonnet-4.5"), Anthropic with
 * dashes plus a snapshot date ("claude-3-7-sonnet-20250219", "claude-sonnet-4-5-20250929").
 * Rule: dots → dashes, then the latest dated snapshot LiteLLM lists under `anthropic`
 * ("<base>-YYYYMMDD"), else the undated id when Anthropic publishes only that ("claude-sonnet-4-6").
 * Pinning the dated snapshot keeps behaviour stable when Anthropic moves an undated alias.
 * OpenRouter's `canonical_slug` is not used: its dates are OpenRouter's ("claude-4-sonnet-20250522"
 * for Anthropic's "claude-sonnet-4-20250514").
 */
export function deriveAnthropicApiId(openRouterModel: string, liteLlm: ReadonlyMap<string, LiteLlmEntry>): string | undefined {
  const base = openRouterModel.replace(/\./g, '-');
  const dated = new RegExp(`^${escapeRegExp(base)}-\\d{8}$`);
  let latest: string | undefined;
  for (const [key, entry] of liteLlm) {
    if (entry.litellm_provider !== 'anthropic' || !dated.test(key)) continue;
    if (latest === undefined || key > latest) latest = key;
  }
  if (latest) return latest;
  return liteLlm.get(base)?.litellm_provider === 'anthropic' ? base : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
