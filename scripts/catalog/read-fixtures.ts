// Reads the recorded catalog datasets (../shared/fixtures/catalog) into typed, validated shapes.
// The files are third-party data: zod schemas are minimal and tolerant (.nullish(), unknown keys
// dropped) so a new upstream field never breaks generation, while a changed type fails loudly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const openRouterPriceOverrideSchema = z.object({
  min_prompt_tokens: z.number(),
  prompt: z.string().nullish(),
  completion: z.string().nullish(),
  input_cache_read: z.string().nullish(),
});

export const openRouterModelSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  created: z.number().nullish(),
  canonical_slug: z.string().nullish(),
  hugging_face_id: z.string().nullish(),
  context_length: z.number().nullish(),
  architecture: z.object({ input_modalities: z.array(z.string()).nullish() }).nullish(),
  pricing: z.object({
    prompt: z.string(),
    completion: z.string(),
    input_cache_read: z.string().nullish(),
    overrides: z.array(openRouterPriceOverrideSchema).nullish(),
  }),
  top_provider: z.object({ context_length: z.number().nullish(), max_completion_tokens: z.number().nullish() }).nullish(),
  supported_parameters: z.array(z.string()).nullish(),
});
export type OpenRouterModel = z.infer<typeof openRouterModelSchema>;

const openRouterListSchema = z.object({ data: z.array(openRouterModelSchema) });

export const liteLlmEntrySchema = z.object({
  litellm_provider: z.string(),
  mode: z.string().nullish(),
  input_cost_per_token: z.number().nullish(),
  output_cost_per_token: z.number().nullish(),
  cache_read_input_token_cost: z.number().nullish(),
  input_cost_per_token_above_200k_tokens: z.number().nullish(),
  output_cost_per_token_above_200k_tokens: z.number().nullish(),
  cache_read_input_token_cost_above_200k_tokens: z.number().nullish(),
  max_input_tokens: z.number().nullish(),
  max_output_tokens: z.number().nullish(),
  max_tokens: z.number().nullish(),
  supports_function_calling: z.boolean().nullish(),
  supports_tool_choice: z.boolean().nullish(),
  supports_response_schema: z.boolean().nullish(),
  supports_vision: z.boolean().nullish(),
  supported_modalities: z.array(z.string()).nullish(),
});
export type LiteLlmEntry = z.infer<typeof liteLlmEntrySchema>;

/** The raw inputs of the generator, already validated. */
export interface CatalogSources {
  /** OpenRouter model lists, oldest first: later lists win per id. */
  openRouterSnapshots: OpenRouterModel[][];
  /** LiteLLM's table keyed as in the file ("gpt-4o", "openrouter/openai/gpt-5", "groq/..."). */
  liteLlm: ReadonlyMap<string, LiteLlmEntry>;
}

/** Oldest first; the 2026 subset overrides the complete 2025 list for the ids it has. */
export const OPEN_ROUTER_SNAPSHOT_FILES = ['openrouter-models-2025-05-23.json', 'openrouter-models-2026-08-04-subset.json'];
export const LITELLM_FILE = 'litellm-model_prices_and_context_window.json';

export function readCatalogSources(fixturesDir: string): CatalogSources {
  const openRouterSnapshots = OPEN_ROUTER_SNAPSHOT_FILES.map(
    (file) => openRouterListSchema.parse(readJson(join(fixturesDir, file))).data,
  );
  return { openRouterSnapshots, liteLlm: parseLiteLlm(readJson(join(fixturesDir, LITELLM_FILE))) };
}

/**
 * Keeps chat-capable entries only. Entries that do not fit the schema are skipped rather than
 * fatal: the file mixes documentation keys (`sample_spec`, whose values are prose) with data.
 */
export function parseLiteLlm(raw: unknown): Map<string, LiteLlmEntry> {
  const entries = new Map<string, LiteLlmEntry>();
  for (const [key, value] of Object.entries(z.record(z.string(), z.unknown()).parse(raw))) {
    const parsed = liteLlmEntrySchema.safeParse(value);
    if (parsed.success && parsed.data.mode === 'chat') entries.set(key, parsed.data);
  }
  return entries;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
