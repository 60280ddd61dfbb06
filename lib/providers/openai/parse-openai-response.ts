import { UpstreamError, type ChatCompletion, type ResponseContext } from '../types';
import { convertOpenAiUsage } from './convert-openai-usage';
import { mapOpenAiFinishReason } from './map-openai-finish-reason';
import { upstreamErrorFromObject } from './map-openai-error';
import { openAiCompletionSchema, openAiErrorBodySchema } from './openai-schemas';

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (cause) {
    throw new UpstreamError('bad_response', 'upstream answered with a body that is not JSON', { cause });
  }
}

/**
 * A 2xx OpenAI-format body → ChatCompletion. The upstream object is kept as-is (its id, its
 * model string, e.g. OpenAI's dated "gpt-4o-2024-08-06", and extra fields such as OpenRouter's
 * usage.cost), with only missing required fields filled from the context.
 */
export function parseOpenAiResponse(body: string, context: ResponseContext): ChatCompletion {
  const json = parseJson(body);
  const parsed = openAiCompletionSchema.safeParse(json);
  if (!parsed.success) {
    // Some hosts answer 200 with an error object instead of a completion.
    const error = openAiErrorBodySchema.safeParse(json);
    if (error.success && error.data.error) throw upstreamErrorFromObject(error.data.error);
    throw new UpstreamError('bad_response', `upstream answered with an unexpected body: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const completion = parsed.data;
  if (completion.choices.length === 0) throw new UpstreamError('bad_response', 'upstream answered with no choices');
  const result: ChatCompletion = {
    ...completion,
    id: completion.id ?? context.id,
    object: 'chat.completion',
    created: completion.created ?? context.created,
    model: completion.model ?? context.model,
    choices: completion.choices.map((choice, position) => ({
      ...choice,
      index: choice.index ?? position,
      message: {
        ...choice.message,
        role: 'assistant',
        content: choice.message.content ?? null,
        tool_calls: choice.message.tool_calls?.map((call) => ({
          ...call,
          type: 'function' as const,
          function: { ...call.function, arguments: call.function.arguments ?? '' },
        })),
      },
      finish_reason: mapOpenAiFinishReason(choice.finish_reason),
    })),
    usage: completion.usage ? convertOpenAiUsage(completion.usage) : undefined,
  };
  // Absent optional fields stay absent (no `"tool_calls":undefined` surprises for deep equality).
  for (const choice of result.choices) if (choice.message.tool_calls === undefined) delete choice.message.tool_calls;
  if (result.usage === undefined) delete result.usage;
  return result;
}
