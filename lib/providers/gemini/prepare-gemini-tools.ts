// OpenAI tools / tool_choice → Gemini tools[].functionDeclarations / toolConfig.
import { UpstreamError, type ChatTool } from '../types';
import { convertJsonSchemaToGeminiSchema, type GeminiSchema } from './convert-json-schema-to-gemini-schema';

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'NONE' | 'ANY'; allowedFunctionNames?: string[] };
}

export function prepareGeminiTools(
  tools: ChatTool[] | null | undefined,
  toolChoice: unknown,
): { tools: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }> | undefined; toolConfig: GeminiToolConfig | undefined } {
  if (!tools || tools.length === 0) return { tools: undefined, toolConfig: undefined };
  const declarations = tools.map((tool, index): GeminiFunctionDeclaration => {
    if (tool.type !== 'function' || !tool.function?.name) {
      throw new UpstreamError('invalid_request', `tools[${index}]: only function tools are supported for Gemini models`);
    }
    const parameters = convertJsonSchemaToGeminiSchema(tool.function.parameters);
    return {
      name: tool.function.name,
      ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
      ...(parameters ? { parameters } : {}),
    };
  });

  // parallel_tool_calls has no Gemini switch and is dropped.
  let mode: GeminiToolConfig['functionCallingConfig'] | undefined;
  if (toolChoice === undefined || toolChoice === null) mode = undefined;
  else if (toolChoice === 'auto') mode = { mode: 'AUTO' };
  else if (toolChoice === 'none') mode = { mode: 'NONE' };
  else if (toolChoice === 'required') mode = { mode: 'ANY' };
  else if (
    typeof toolChoice === 'object' &&
    (toolChoice as { type?: unknown }).type === 'function' &&
    typeof (toolChoice as { function?: { name?: unknown } }).function?.name === 'string'
  ) {
    mode = { mode: 'ANY', allowedFunctionNames: [(toolChoice as { function: { name: string } }).function.name] };
  } else {
    throw new UpstreamError('invalid_request', 'tool_choice: expected "auto", "none", "required" or {"type":"function","function":{"name":...}}');
  }
  return { tools: [{ functionDeclarations: declarations }], toolConfig: mode ? { functionCallingConfig: mode } : undefined };
}
