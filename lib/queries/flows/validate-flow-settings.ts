// A flow's routing settings as typed in the form, checked against the model catalog. Models are
// stored by their catalog id (an alias typed in is resolved), so the gateway reads one spelling.
import { getModel, suggestModelIds } from '../../catalog/index';

export const MAX_FALLBACK_CHAIN = 5;

export interface FlowSettings {
  modelOverride: string | null;
  fallbackChain: string[];
}

export type FlowSettingsValidation =
  | { ok: true; settings: FlowSettings }
  | { ok: false; errors: { modelOverride?: string; fallbackChain?: string } };

function unknownModel(id: string): string {
  const suggestions = suggestModelIds(id);
  return `Unknown model "${id}".${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''}`;
}

/** modelOverride: empty for none. fallbackChain: ids separated by commas or new lines, in order. */
export function validateFlowSettings(input: { modelOverride: string; fallbackChain: string | string[] }): FlowSettingsValidation {
  const errors: { modelOverride?: string; fallbackChain?: string } = {};
  let modelOverride: string | null = null;
  const override = input.modelOverride.trim();
  if (override) {
    const model = getModel(override);
    if (model) modelOverride = model.id;
    else errors.modelOverride = unknownModel(override);
  }
  const ids = (Array.isArray(input.fallbackChain) ? input.fallbackChain : input.fallbackChain.split(/[\n,]/)).map((s) => s.trim()).filter(Boolean);
  const fallbackChain: string[] = [];
  for (const id of ids) {
    const model = getModel(id);
    if (!model) {
      errors.fallbackChain = unknownModel(id);
      break;
    }
    if (!fallbackChain.includes(model.id)) fallbackChain.push(model.id);
  }
  if (!errors.fallbackChain && fallbackChain.length > MAX_FALLBACK_CHAIN) errors.fallbackChain = `At most ${MAX_FALLBACK_CHAIN} fallback models.`;
  if (errors.modelOverride || errors.fallbackChain) return { ok: false, errors };
  return { ok: true, settings: { modelOverride, fallbackChain } };
}
