// Minimal zod schemas for what we read from the Anthropic Messages API. Every field is nullish
// and objects are non-strict (zod strips unknown keys), so new fields and new block types
// (server_tool_use, citations, ...) pass validation and are simply ignored.
import { z } from 'zod';

export const anthropicUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

const contentBlockSchema = z.object({
  type: z.string(),
  text: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
});

export const anthropicMessageSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(contentBlockSchema).nullish(),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});

export const anthropicErrorSchema = z.object({
  type: z.string().nullish(),
  error: z
    .object({
      type: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
  request_id: z.string().nullish(),
});
export type AnthropicErrorBody = z.infer<typeof anthropicErrorSchema>;

/**
 * One schema for every stream event (message_start, content_block_*, message_delta,
 * message_stop, ping, error): switching on `type` in code keeps unknown event types harmless.
 */
export const anthropicStreamEventSchema = z.object({
  type: z.string(),
  message: anthropicMessageSchema.nullish(),
  index: z.number().nullish(),
  content_block: contentBlockSchema.nullish(),
  delta: z
    .object({
      type: z.string().nullish(),
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      stop_reason: z.string().nullish(),
    })
    .nullish(),
  usage: anthropicUsageSchema.nullish(),
  error: anthropicErrorSchema.shape.error,
});
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
