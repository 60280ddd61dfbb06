import type { FinishReason } from '../types';

/**
 * Gemini finishReason → OpenAI finish_reason. Gemini says STOP after function calls too, so the
 * caller tells us whether the candidate called a function (OpenAI says tool_calls then).
 * MALFORMED_FUNCTION_CALL, LANGUAGE, OTHER and unknown values end the turn with no better
 * OpenAI equivalent: 'stop'.
 */
export function mapGeminiFinishReason(finishReason: string | null | undefined, hasToolCalls: boolean): FinishReason | null {
  switch (finishReason) {
    case null:
    case undefined:
      return null;
    case 'STOP':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
