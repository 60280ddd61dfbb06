import { z } from 'zod';

// Minimal schemas for what the gateway reads from OpenAI-format payloads. Unknown fields are
// tolerated (and kept, where we forward the upstream object as-is): hosts add their own
// (`provider`, `usage.cost`, `reasoning`, `x_groq`, `obfuscation` ...).

export const openAiUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
});

export const openAiErrorObjectSchema = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  // OpenAI uses string codes ("context_length_exceeded"), OpenRouter numeric HTTP-like codes.
  code: z.union([z.string(), z.number()]).nullish(),
  param: z.string().nullish(),
  metadata: z.looseObject({ raw: z.unknown().nullish(), provider_name: z.string().nullish() }).nullish(),
});

/** Error bodies seen on OpenAI-format hosts: `{error:{...}}`, `{error:"..."}`, `{message}`, `{detail}`. */
export const openAiErrorBodySchema = z.looseObject({
  error: z.union([openAiErrorObjectSchema, z.string()]).nullish(),
  message: z.string().nullish(),
  detail: z.unknown().nullish(),
});

/** One streamed chunk: only the parts the stream transform reads. */
export const openAiChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openAiUsageSchema.nullish(),
  error: z.union([openAiErrorObjectSchema, z.string()]).nullish(),
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

export const openAiCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      message: z.looseObject({
        role: z.string().nullish(),
        content: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
        refusal: z.string().nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openAiUsageSchema.nullish(),
});

export type OpenAiUsagePayload = z.infer<typeof openAiUsageSchema>;
export type OpenAiErrorObject = z.infer<typeof openAiErrorObjectSchema>;
