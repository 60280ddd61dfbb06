import type { FinishReason } from '../types';

// OpenAI-format hosts mostly send OpenAI's values, but local servers and some routed models
// leak their native ones; map the common ones so the gateway sees the OpenAI set only.
const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'function_call',
  end_turn: 'stop',
  stop_sequence: 'stop',
  eos: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_use: 'tool_calls',
};

export function mapOpenAiFinishReason(reason: string | null | undefined): FinishReason | null {
  if (reason === null || reason === undefined) return null;
  return finishReasons[reason] ?? 'stop';
}
