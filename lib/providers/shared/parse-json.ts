// JSON parsing at the provider edge: never throws, and validates the shape with a zod schema so
// the rest of the adapter works with typed values (vercel/ai's safeParseJSON, in miniature).
import type { z } from 'zod';

export type ParseJsonResult<T> = { success: true; value: T } | { success: false; error: unknown };

export function parseJsonText(text: string): ParseJsonResult<unknown> {
  try {
    return { success: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { success: false, error };
  }
}

export function safeParseJson<Schema extends z.ZodType>(text: string, schema: Schema): ParseJsonResult<z.infer<Schema>> {
  const parsed = parseJsonText(text);
  if (!parsed.success) return parsed;
  const validated = schema.safeParse(parsed.value);
  return validated.success ? { success: true, value: validated.data } : { success: false, error: validated.error };
}
