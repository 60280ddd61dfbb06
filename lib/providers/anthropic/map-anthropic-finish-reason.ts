import type { FinishReason } from '../types';

/**
 * Anthropic stop_reason → OpenAI finish_reason.
 * pause_turn (a server tool paused a long turn) has no OpenAI equivalent; the turn did end, so
 * 'stop'. model_context_window_exceeded is a length cut like max_tokens.
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason | null {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      return 'stop';
  }
}
