// OpenAI tools / tool_choice / parallel_tool_calls → Anthropic tools / tool_choice.
import { UpstreamError, type ChatTool } from '../types';

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export interface PreparedAnthropicTools {
  tools: AnthropicTool[] | undefined;
  toolChoice: AnthropicToolChoice | undefined;
}

export function prepareAnthropicTools(
  tools: ChatTool[] | null | undefined,
  toolChoice: unknown,
  parallelToolCalls: boolean | null | undefined,
): PreparedAnthropicTools {
  // Anthropic rejects tool_choice without tools; OpenAI tolerates it, so drop it.
  if (!tools || tools.length === 0) return { tools: undefined, toolChoice: undefined };

  const anthropicTools = tools.map((tool, index): AnthropicTool => {
    if (tool.type !== 'function' || !tool.function?.name) {
      throw new UpstreamError('invalid_request', `tools[${index}]: only function tools are supported for Anthropic models`);
    }
    return {
      name: tool.function.name,
      ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
      // input_schema is required by Anthropic; OpenAI allows omitting parameters (no arguments).
      input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
    };
  });

  // Anthropic's switch is the inverse of OpenAI's, and lives on tool_choice.
  const parallel = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  let choice: AnthropicToolChoice | undefined;
  if (toolChoice === undefined || toolChoice === null) {
    choice = parallelToolCalls === false ? { type: 'auto', ...parallel } : undefined;
  } else if (toolChoice === 'auto') {
    choice = { type: 'auto', ...parallel };
  } else if (toolChoice === 'none') {
    choice = { type: 'none' };
  } else if (toolChoice === 'required') {
    choice = { type: 'any', ...parallel };
  } else if (
    typeof toolChoice === 'object' &&
    (toolChoice as { type?: unknown }).type === 'function' &&
    typeof (toolChoice as { function?: { name?: unknown } }).function?.name === 'string'
  ) {
    choice = { type: 'tool', name: (toolChoice as { function: { name: string } }).function.name, ...parallel };
  } else {
    throw new UpstreamError('invalid_request', 'tool_choice: expected "auto", "none", "required" or {"type":"function","function":{"name":...}}');
  }
  return { tools: anthropicTools, toolChoice: choice };
}
