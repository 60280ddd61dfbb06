// OpenAI chat messages → Gemini `systemInstruction` + `contents`.
// Gemini has roles user/model only: system text goes to systemInstruction, tool results are
// user-role functionResponse parts named after the function (Gemini matches by name, OpenAI by
// tool_call_id, so we look the name up from the assistant turn that made the call).
import { UpstreamError, type ChatContentPart, type ChatMessage } from '../types';
import { parseBase64DataUrl } from '../shared/parse-data-url';
import { parseJsonText } from '../shared/parse-json';

export type GeminiPart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } }
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiPrompt {
  systemInstruction: { parts: Array<{ text: string }> } | undefined;
  contents: GeminiContent[];
}

/**
 * Gemini 3 rejects a history functionCall part without the thoughtSignature it returned, and
 * OpenAI clients cannot carry it back. Google documents this value as the way to skip the check
 * for calls whose signature is unavailable (https://ai.google.dev/gemini-api/docs/thought-signatures);
 * older models ignore the field. It goes on the first call of a turn, where real ones appear.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

/** fileData needs a mimeType; guess from the URL path, defaulting to JPEG (it is an image_url). */
export function guessMimeType(url: string): string {
  const path = url.split(/[?#]/)[0];
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]) || 'image/jpeg';
}

function invalid(message: string): UpstreamError {
  return new UpstreamError('invalid_request', message);
}

function partsOf(content: string | ChatContentPart[] | null | undefined): ChatContentPart[] {
  if (content === null || content === undefined) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function textOf(content: string | ChatContentPart[] | null | undefined): string {
  return partsOf(content)
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function convertUserPart(part: ChatContentPart, where: string): GeminiPart[] {
  if (part.type === 'text' && typeof part.text === 'string') return part.text.length > 0 ? [{ text: part.text }] : [];
  if (part.type === 'image_url') {
    const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
    if (typeof url !== 'string') throw invalid(`${where}: image_url.url must be a string`);
    const dataUrl = parseBase64DataUrl(url);
    if (dataUrl) return [{ inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.base64 } }];
    if (/^https?:\/\//i.test(url)) return [{ fileData: { mimeType: guessMimeType(url), fileUri: url } }];
    throw invalid(`${where}: image_url.url must be an http(s) URL or a base64 data: URL`);
  }
  if (part.type === 'file') {
    const fileData = (part as { file?: { file_data?: unknown } }).file?.file_data;
    const dataUrl = typeof fileData === 'string' ? parseBase64DataUrl(fileData) : undefined;
    if (dataUrl) return [{ inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.base64 } }];
    throw invalid(`${where}: only inline files (file.file_data as a data: URL) are supported for Gemini models`);
  }
  if (part.type === 'input_audio') {
    const audio = (part as { input_audio?: { data?: unknown; format?: unknown } }).input_audio;
    if (typeof audio?.data === 'string' && typeof audio.format === 'string') {
      return [{ inlineData: { mimeType: `audio/${audio.format}`, data: audio.data } }];
    }
  }
  throw invalid(`${where}: content part type '${part.type}' is not supported for Gemini models`);
}

function parseArguments(text: string, where: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseJsonText(text);
  const value = parsed.success ? parsed.value : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${where}: function.arguments must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function convertToGeminiContents(messages: ChatMessage[]): GeminiPrompt {
  const systemTexts: string[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();

  const append = (role: GeminiContent['role'], parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const previous = contents[contents.length - 1];
    // Consecutive same-role turns become one content: parallel tool results must arrive
    // together, and strict alternation is the safe form for every Gemini model.
    if (previous && previous.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        // Gemini has one systemInstruction; system messages anywhere are hoisted into it.
        const text = textOf(message.content);
        if (text.length > 0) systemTexts.push(text);
        return;
      }
      case 'user':
        append('user', partsOf(message.content).flatMap((part) => convertUserPart(part, where)));
        return;
      case 'assistant': {
        const parts: GeminiPart[] = [];
        const text = partsOf(message.content)
          .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : part.type === 'refusal' && typeof part.refusal === 'string' ? part.refusal : ''))
          .join('');
        if (text.length > 0) parts.push({ text });
        (message.tool_calls ?? []).forEach((call, callIndex) => {
          toolNames.set(call.id, call.function.name);
          parts.push({
            functionCall: { name: call.function.name, args: parseArguments(call.function.arguments, `${where}.tool_calls[${callIndex}]`) },
            ...(callIndex === 0 ? { thoughtSignature: SKIP_THOUGHT_SIGNATURE } : {}),
          });
        });
        append('model', parts);
        return;
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (name === undefined) {
          throw invalid(`${where}: tool_call_id '${message.tool_call_id}' does not match a tool call of an earlier assistant message`);
        }
        append('user', [{ functionResponse: { name, response: { content: textOf(message.content) } } }]);
        return;
      }
      default:
        return;
    }
  });

  if (contents.length === 0) throw invalid('messages: at least one user or assistant message with content is required');
  return {
    systemInstruction: systemTexts.length > 0 ? { parts: [{ text: systemTexts.join('\n\n') }] } : undefined,
    contents,
  };
}
