// Gemini streamGenerateContent → OpenAI chat.completion.chunk SSE.
//
// Each Gemini chunk is a whole GenerateContentResponse: new text / functionCall parts per
// candidate, finishReason on the last one, and usageMetadata repeated cumulatively on every
// chunk (we keep the last). There is no end marker: the stream simply ends, so the usage chunk
// and [DONE] are written in flush(). alt=sse uses "\r\n\r\n" separators (the shared SSE parser
// handles any line ending); the JSON-array form (no alt=sse) is recognised by its leading '['.
//
// Upstream error objects mid-stream, or a stream that ends before any finishReason, are reported
// through observer.error and end the output without [DONE]; the gateway tells the client.
import { createSseParser } from '../shared/sse-parser';
import { UpstreamError, type FinishReason, type StreamContext } from '../types';
import { convertGeminiUsage } from './convert-gemini-usage';
import { geminiResponseSchema, type GeminiResponse, type GeminiUsage } from './gemini-api-schemas';
import { createToolCallIdGenerator } from './gemini-tool-call-ids';
import { createJsonArraySplitter } from './json-array-splitter';
import { classifyGeminiError } from './map-gemini-error';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { createOpenAiChunkWriter, type OpenAiChunkWriter } from '../shared/openai-chunk-writer';
import { convertCandidateParts } from './parse-gemini-response';
import { safeParseJson } from '../shared/parse-json';

interface ChoiceState {
  index: number;
  roleSent: boolean;
  toolCalls: number;
  finishReason: FinishReason | null;
}

export function createGeminiStreamTransform(context: StreamContext): TransformStream<Uint8Array, Uint8Array> {
  const { observer } = context;
  const choices = new Map<number, ChoiceState>();
  const nextToolCallId = createToolCallIdGenerator(context.id);
  let usage: GeminiUsage | undefined;
  let failed = false;
  let writer: OpenAiChunkWriter;

  function choice(index: number): ChoiceState {
    let state = choices.get(index);
    if (!state) {
      state = { index, roleSent: false, toolCalls: 0, finishReason: null };
      choices.set(index, state);
    }
    return state;
  }

  /**
   * The role chunk waits for the first content, tool call or finish: a leading thought-only
   * chunk or an error object then reaches the gateway before the first byte, while it can still
   * retry or fall back.
   */
  function write(state: ChoiceState, delta: Record<string, unknown>, finishReason: FinishReason | null = null): void {
    if (!state.roleSent) {
      state.roleSent = true;
      writer.delta({ role: 'assistant', content: '', refusal: null }, null, state.index);
    }
    writer.delta(delta, finishReason, state.index);
  }

  function reportUsage(): void {
    if (usage) observer.usage?.(convertGeminiUsage(usage));
  }

  function fail(error: UpstreamError): void {
    failed = true;
    // Tokens generated before the break are billed by Google all the same.
    reportUsage();
    observer.error?.(error);
  }

  function handle(response: GeminiResponse): void {
    if (response.error) {
      const { kind, message, retryAfterSeconds } = classifyGeminiError(response.error, undefined, 'Gemini stream error');
      fail(new UpstreamError(kind, message, { retryAfterSeconds }));
      return;
    }
    if (response.usageMetadata) usage = response.usageMetadata;

    const candidates = response.candidates ?? [];
    if (candidates.length === 0 && response.promptFeedback?.blockReason) {
      finish(choice(0), 'content_filter');
      return;
    }
    candidates.forEach((candidate, position) => {
      const index = candidate.index ?? position;
      const state = choice(index);
      if (state.finishReason) return;
      const { text, toolCalls } = convertCandidateParts(candidate, nextToolCallId);
      if (text.length > 0) {
        write(state, { content: text });
        if (index === 0) observer.text?.(text);
      }
      for (const call of toolCalls) {
        // Gemini sends each call whole: id, name and all arguments go in one delta.
        write(state, { tool_calls: [{ index: state.toolCalls++, ...call }] });
      }
      const reason = mapGeminiFinishReason(candidate.finishReason, state.toolCalls > 0);
      if (reason) finish(state, reason);
    });
  }

  function finish(state: ChoiceState, reason: FinishReason): void {
    state.finishReason = reason;
    write(state, {}, reason);
    if (state.index === 0) observer.finish?.(reason);
  }

  function onPayload(json: string): void {
    if (failed) return;
    const parsed = safeParseJson(json, geminiResponseSchema);
    if (!parsed.success) {
      fail(new UpstreamError('bad_response', `Gemini sent an unreadable stream chunk: ${json.slice(0, 200)}`, { cause: parsed.error }));
      return;
    }
    handle(parsed.value);
  }

  const sseParser = createSseParser({ onEvent: (event) => onPayload(event.data) });
  const arraySplitter = createJsonArraySplitter(onPayload);
  const decoder = new TextDecoder();
  let mode: 'undecided' | 'sse' | 'array' = 'undecided';

  function pushText(text: string): void {
    if (mode === 'undecided') {
      const first = text.replace(/^[\uFEFF\s]+/, '');
      if (first.length === 0) return; // only whitespace so far: decide on the next chunk
      mode = first[0] === '[' ? 'array' : 'sse';
      text = first;
    }
    if (mode === 'sse') sseParser.push(text);
    else arraySplitter.push(text);
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      writer = createOpenAiChunkWriter(context, (bytes) => controller.enqueue(bytes));
    },
    transform(chunk) {
      pushText(decoder.decode(chunk, { stream: true }));
    },
    flush() {
      pushText(decoder.decode());
      if (mode === 'sse') sseParser.end();
      if (failed) return;
      const states = [...choices.values()];
      if (states.length === 0 || states.some((state) => state.finishReason === null)) {
        fail(new UpstreamError('reset', 'Gemini stream ended before a finishReason'));
        return;
      }
      reportUsage();
      if (context.includeUsage) writer.usage(convertGeminiUsage(usage));
      writer.done();
    },
  });
}
