// What a user asks for when starting a benchmark, validated at the edge (the form's fields), with
// the limits stated once.
import { z } from 'zod';
import { getModel } from '../catalog';

export const MAX_SAMPLE = 500;
export const MAX_CANDIDATES = 8;
export const MAX_RUN_CONCURRENCY = 8;
export const DEFAULT_RUN_CONCURRENCY = 4;
/** $1,000 */
export const MAX_BUDGET_MICROS = 1_000_000_000;

const modelId = z
  .string()
  .trim()
  .min(1)
  .refine((id) => getModel(id) !== undefined, { message: 'is not a model of the catalog' })
  .transform((id) => getModel(id)!.id);

export const benchmarkInputSchema = z
  .object({
    flowName: z.string().trim().min(1).max(64),
    sampleMode: z.enum(['last', 'random', 'picked']),
    sampleSize: z.coerce.number().int().min(1).max(MAX_SAMPLE),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    callIds: z.array(z.string().min(1).max(100)).max(MAX_SAMPLE).default([]),
    candidates: z.array(modelId).min(1, 'choose at least one candidate model').max(MAX_CANDIDATES),
    judgeModel: modelId.nullish(),
    budgetMicros: z.coerce.number().int().min(1, 'must be more than $0').max(MAX_BUDGET_MICROS),
    concurrency: z.coerce.number().int().min(1).max(MAX_RUN_CONCURRENCY).default(DEFAULT_RUN_CONCURRENCY),
    fallbacks: z.boolean().default(false),
  })
  .superRefine((input, context) => {
    if (input.sampleMode === 'random' && input.from && input.to && input.from >= input.to) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after the start of the range' });
    }
    if (input.sampleMode === 'picked' && input.callIds.length === 0) {
      context.addIssue({ code: 'custom', path: ['callIds'], message: 'pick calls in the calls explorer first' });
    }
  });

export type BenchmarkInput = z.output<typeof benchmarkInputSchema>;

/** "$2.50" / "2.5" → 2_500_000 micro-dollars; NaN when not a number. */
export function dollarsToMicros(text: string): number {
  const value = Number(text.trim().replace(/^\$/, ''));
  return Number.isFinite(value) ? Math.round(value * 1_000_000) : Number.NaN;
}
