// Minimal zod schemas for what we read from the Gemini API (generateContent and
// streamGenerateContent share the response shape). Nullish everywhere, unknown keys stripped,
// so new part kinds (executableCode, inlineData output...) and new usage fields pass through.
import { z } from 'zod';

export const geminiUsageSchema = z.object({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
});
export type GeminiUsage = z.infer<typeof geminiUsageSchema>;

const partSchema = z.object({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  functionCall: z
    .object({
      id: z.string().nullish(),
      name: z.string().nullish(),
      args: z.unknown().optional(),
    })
    .nullish(),
});
export type GeminiResponsePart = z.infer<typeof partSchema>;

export const geminiCandidateSchema = z.object({
  content: z.object({ parts: z.array(partSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().nullish(),
});
export type GeminiCandidate = z.infer<typeof geminiCandidateSchema>;

const errorObjectSchema = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z
    .array(
      z.object({
        '@type': z.string().nullish(),
        reason: z.string().nullish(),
        retryDelay: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type GeminiErrorObject = z.infer<typeof errorObjectSchema>;

export const geminiResponseSchema = z.object({
  candidates: z.array(geminiCandidateSchema).nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: geminiUsageSchema.nullish(),
  // A stream can carry an error object in place of a response after the 200 was sent.
  error: errorObjectSchema.nullish(),
});
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

/** Error bodies: `{"error":{...}}`, or the same wrapped in an array by the non-SSE stream endpoint. */
export const geminiErrorBodySchema = z.union([
  z.object({ error: errorObjectSchema }),
  z.array(z.object({ error: errorObjectSchema })).min(1),
]);
