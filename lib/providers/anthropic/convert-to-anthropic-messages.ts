// OpenAI chat messages → Anthropic `system` + `messages`.
// Anthropic differs in three ways that matter here: system text is a top-level field, roles must
// alternate user/assistant, and tool results are user-role `tool_result` blocks.
import { UpstreamError, type ChatContentPart, type ChatMessage } from '../types';
import { parseBase64DataUrl } from '../shared/parse-data-url';
import { parseJsonText } from '../shared/parse-json';

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } }
  | { type: 'document'; source: { type: 'base64'; media_type: string; data: string } }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export interface AnthropicPrompt {
  /** All system/developer texts joined by blank lines; undefined when there were none. */
  system: string | undefined;
  messages: AnthropicMessage[];
}

function invalid(message: string): UpstreamError {
  return new UpstreamError('invalid_request', message);
}

function textBlock(text: string): AnthropicContentBlock[] {
  // Anthropic rejects empty text blocks ("text content blocks must be non-empty").
  return text.length > 0 ? [{ type: 'text', text }] : [];
}

function partsOf(content: string | ChatContentPart[] | null | undefined): ChatContentPart[] {
  if (content === null || content === undefined) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function partText(part: ChatContentPart): string | undefined {
  return part.type === 'text' && typeof part.text === 'string' ? part.text : undefined;
}

function convertUserPart(part: ChatContentPart, where: string): AnthropicContentBlock[] {
  const text = partText(part);
  if (text !== undefined) return textBlock(text);
  if (part.type === 'image_url') {
    const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
    if (typeof url !== 'string') throw invalid(`${where}: image_url.url must be a string`);
    const dataUrl = parseBase64DataUrl(url);
    if (dataUrl) return [{ type: 'image', source: { type: 'base64', media_type: dataUrl.mediaType, data: dataUrl.base64 } }];
    if (/^https?:\/\//i.test(url)) return [{ type: 'image', source: { type: 'url', url } }];
    throw invalid(`${where}: image_url.url must be an http(s) URL or a base64 data: URL`);
  }
  if (part.type === 'file') {
    // OpenAI's inline PDF input; Anthropic takes PDFs as document blocks.
    const fileData = (part as { file?: { file_data?: unknown } }).file?.file_data;
    const dataUrl = typeof fileData === 'string' ? parseBase64DataUrl(fileData) : undefined;
    if (dataUrl?.mediaType === 'application/pdf') {
      return [{ type: 'document', source: { type: 'base64', media_type: dataUrl.mediaType, data: dataUrl.base64 } }];
    }
    throw invalid(`${where}: only inline PDF files (file.file_data as a data: URL) are supported for Anthropic models`);
  }
  throw invalid(`${where}: content part type '${part.type}' is not supported for Anthropic models`);
}

function parseToolArguments(argumentsText: string, where: string): Record<string, unknown> {
  if (argumentsText.trim() === '') return {};
  const parsed = parseJsonText(argumentsText);
  if (!parsed.success) throw invalid(`${where}: function.arguments is not valid JSON`);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${where}: function.arguments must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function convertMessage(message: ChatMessage, index: number): AnthropicMessage | undefined {
  const where = `messages[${index}]`;
  switch (message.role) {
    case 'user':
      return { role: 'user', content: partsOf(message.content).flatMap((part) => convertUserPart(part, where)) };
    case 'assistant': {
      // Refusal parts are the model's own words; other part types cannot occur in assistant turns.
      const text = partsOf(message.content)
        .map((part) => partText(part) ?? (part.type === 'refusal' && typeof part.refusal === 'string' ? part.refusal : ''))
        .join('');
      const content: AnthropicContentBlock[] = textBlock(text);
      for (const call of message.tool_calls ?? []) {
        content.push({
          type: 'tool_use',
          id: call.id,
          name: call.function.name,
          input: parseToolArguments(call.function.arguments, `${where}.tool_calls`),
        });
      }
      return { role: 'assistant', content };
    }
    case 'tool': {
      const text = partsOf(message.content)
        .map((part) => partText(part) ?? '')
        .join('');
      return { role: 'user', content: [{ type: 'tool_result', tool_use_id: message.tool_call_id, content: text }] };
    }
    default:
      return undefined;
  }
}

export function convertToAnthropicMessages(messages: ChatMessage[]): AnthropicPrompt {
  const systemTexts: string[] = [];
  const converted: AnthropicMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') {
      // Anthropic has one system prompt; system messages anywhere in the list are hoisted into it.
      const text = partsOf(message.content)
        .map((part) => partText(part) ?? '')
        .join('');
      if (text.length > 0) systemTexts.push(text);
      return;
    }
    const next = convertMessage(message, index);
    if (!next || next.content.length === 0) return;
    const previous = converted[converted.length - 1];
    // Consecutive same-role turns (e.g. several tool results, or a tool result then a user
    // question) must be one Anthropic message; tool_result blocks stay first as Anthropic requires.
    if (previous && previous.role === next.role) previous.content.push(...next.content);
    else converted.push(next);
  });
  if (converted.length === 0) throw invalid('messages: at least one user or assistant message with content is required');
  return { system: systemTexts.length > 0 ? systemTexts.join('\n\n') : undefined, messages: converted };
}
