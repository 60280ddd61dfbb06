// Anthropic Messages SSE → OpenAI chat.completion.chunk SSE.
//
// Anthropic streams content as indexed blocks (text, tool_use, thinking, server tools...);
// OpenAI streams one choice whose delta carries content text and tool_calls[] keyed by a tool
// index of their own. The state below maps one to the other; it lives in this closure so each
// stream is independent and chunking of the input never matters (the SSE parser reassembles).
//
// The role chunk is held back until there is something to say (text, a tool call, the finish):
// message_start and pings write nothing, so an `error` event that arrives before any content
// (typically overloaded_error) reaches the gateway before the first byte, while it can still
// retry or fall back.
//
// On an upstream `error` event (e.g. overloaded_error mid-stream) or a stream that ends before
// message_stop, the transform reports observer.error and stops writing: no finish chunk and no
// [DONE], so the gateway decides how to tell the client (one place for error bodies).
import { createSseParser } from '../shared/sse-parser';
import { UpstreamError, type FinishReason, type StreamContext } from '../types';
import { anthropicStreamEventSchema, type AnthropicStreamEvent, type AnthropicUsage } from './anthropic-api-schemas';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage';
import { classifyAnthropicError } from './map-anthropic-error';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';
import { createOpenAiChunkWriter } from '../shared/openai-chunk-writer';
import { safeParseJson } from '../shared/parse-json';

type BlockState =
  | { kind: 'text' }
  | { kind: 'tool'; toolIndex: number; argumentsSent: boolean; initialInput: unknown }
  | { kind: 'ignored' };

export function createAnthropicStreamTransform(context: StreamContext): TransformStream<Uint8Array, Uint8Array> {
  const { observer } = context;
  const blocks = new Map<number, BlockState>();
  let nextToolIndex = 0;
  let started = false;
  let finishSent = false;
  let finished = false; // message_stop handled, [DONE] written
  let failed = false;
  let usageReported = false;
  let usage: AnthropicUsage = {};
  let sawUsage = false;

  let writer: ReturnType<typeof createOpenAiChunkWriter>;

  function start(): void {
    if (started) return;
    started = true;
    // OpenAI's first chunk: the role, empty content, refusal null.
    writer.delta({ role: 'assistant', content: '', refusal: null });
  }

  function reportUsage(): void {
    if (usageReported || !sawUsage) return;
    usageReported = true;
    observer.usage?.(convertAnthropicUsage(usage));
  }

  function fail(error: UpstreamError): void {
    failed = true;
    // Tokens already generated are billed by Anthropic even when the stream breaks.
    reportUsage();
    observer.error?.(error);
  }

  function finish(reason: FinishReason): void {
    if (finishSent) return;
    start();
    finishSent = true;
    writer.delta({}, reason);
    observer.finish?.(reason);
  }

  function handle(event: AnthropicStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        if (event.message?.usage) {
          usage = mergeAnthropicUsage(usage, event.message.usage);
          sawUsage = true;
        }
        return;
      case 'content_block_start': {
        const index = event.index ?? 0;
        const block = event.content_block;
        if (block?.type === 'text') {
          blocks.set(index, { kind: 'text' });
          if (block.text) emitText(block.text);
        } else if (block?.type === 'tool_use') {
          const toolIndex = nextToolIndex++;
          blocks.set(index, { kind: 'tool', toolIndex, argumentsSent: false, initialInput: block.input });
          start();
          writer.delta({
            tool_calls: [{ index: toolIndex, id: block.id ?? `toolu_${toolIndex}`, type: 'function', function: { name: block.name ?? '', arguments: '' } }],
          });
        } else {
          // thinking, redacted_thinking, server_tool_use, *_tool_result: nothing the OpenAI
          // client can use (server tools already ran on Anthropic's side).
          blocks.set(index, { kind: 'ignored' });
        }
        return;
      }
      case 'content_block_delta': {
        const block = blocks.get(event.index ?? 0);
        const delta = event.delta;
        if (delta?.type === 'text_delta' && block?.kind !== 'ignored') {
          if (delta.text) emitText(delta.text);
        } else if (delta?.type === 'input_json_delta' && block?.kind === 'tool') {
          // Anthropic opens every tool input with an empty fragment; OpenAI never sends one.
          if (delta.partial_json) {
            block.argumentsSent = true;
            writer.delta({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] });
          }
        }
        // thinking_delta, signature_delta, citations_delta: dropped.
        return;
      }
      case 'content_block_stop': {
        const block = blocks.get(event.index ?? 0);
        if (block?.kind === 'tool' && !block.argumentsSent) {
          // A tool called without arguments streams no fragments; OpenAI clients JSON.parse the
          // concatenated arguments, so they must get "{}", not "".
          block.argumentsSent = true;
          writer.delta({ tool_calls: [{ index: block.toolIndex, function: { arguments: JSON.stringify(block.initialInput ?? {}) } }] });
        }
        return;
      }
      case 'message_delta':
        if (event.usage) {
          usage = mergeAnthropicUsage(usage, event.usage);
          sawUsage = true;
        }
        if (event.delta?.stop_reason) finish(mapAnthropicFinishReason(event.delta.stop_reason) ?? 'stop');
        return;
      case 'message_stop':
        finish('stop'); // only if message_delta never said why
        reportUsage();
        if (context.includeUsage) writer.usage(convertAnthropicUsage(usage));
        writer.done();
        finished = true;
        return;
      case 'error': {
        const { kind, message } = classifyAnthropicError(event.error, undefined, 'Anthropic stream error');
        fail(new UpstreamError(kind, message));
        return;
      }
      default:
        // ping and event types added later.
        return;
    }
  }

  function emitText(text: string): void {
    start();
    writer.delta({ content: text });
    observer.text?.(text);
  }

  const parser = createSseParser({
    onEvent(sseEvent) {
      if (failed || finished) return;
      const parsed = safeParseJson(sseEvent.data, anthropicStreamEventSchema);
      if (!parsed.success) {
        fail(new UpstreamError('bad_response', `Anthropic sent an unreadable stream event: ${sseEvent.data.slice(0, 200)}`, { cause: parsed.error }));
        return;
      }
      handle(parsed.value);
    },
  });

  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      writer = createOpenAiChunkWriter(context, (bytes) => controller.enqueue(bytes));
    },
    transform(chunk) {
      parser.push(chunk);
    },
    flush() {
      parser.end();
      if (!finished && !failed) fail(new UpstreamError('reset', 'Anthropic stream ended before message_stop'));
    },
  });
}
