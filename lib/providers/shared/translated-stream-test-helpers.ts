// Helpers shared by the translated-stream (Anthropic, Gemini) tests: fixture loading, running a stream transform over
// arbitrary chunkings, and reading the OpenAI SSE it writes.
import { readProviderFixture, runTransform, splitBytes } from './test-helpers';
import type { FinishReason, StreamContext, Usage, UpstreamError } from '../types';

export function fixtureText(provider: string, file: string): string {
  return readProviderFixture(`${provider}/${file}`).toString('utf8');
}

export function fixtureBytes(provider: string, file: string): Uint8Array {
  return new Uint8Array(readProviderFixture(`${provider}/${file}`));
}

export function fixtureJson<T = any>(provider: string, file: string): T {
  return JSON.parse(fixtureText(provider, file)) as T;
}

export interface Observed {
  text: string[];
  usage: Usage[];
  finish: Array<FinishReason | null>;
  error: UpstreamError[];
}

export const streamIdentity = { model: 'test-model', id: 'chatcmpl-test', created: 1_700_000_000 };

export async function runStream(
  createTransform: (context: StreamContext) => TransformStream<Uint8Array, Uint8Array>,
  chunks: Array<Uint8Array | string>,
  includeUsage: boolean,
): Promise<{ output: string; events: Array<unknown>; observed: Observed }> {
  const observed: Observed = { text: [], usage: [], finish: [], error: [] };
  const context: StreamContext = {
    ...streamIdentity,
    includeUsage,
    observer: {
      text: (delta) => observed.text.push(delta),
      usage: (usage) => observed.usage.push(usage),
      finish: (reason) => observed.finish.push(reason),
      error: (error) => observed.error.push(error),
    },
  };
  const encoder = new TextEncoder();
  const bytes = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  const output = await runTransform(createTransform(context), bytes);
  return { output, events: readOpenAiSse(output), observed };
}

/** OpenAI SSE text → the parsed payloads ('[DONE]' kept as a string). Asserts the framing. */
export function readOpenAiSse(output: string): Array<unknown> {
  if (output === '') return [];
  if (!output.endsWith('\n\n')) throw new Error(`output does not end with a blank line: ${JSON.stringify(output.slice(-50))}`);
  return output
    .slice(0, -2)
    .split('\n\n')
    .map((event) => {
      if (!event.startsWith('data: ') || event.includes('\n')) throw new Error(`unexpected SSE framing: ${event}`);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

/** Split bytes at the given cut points (any values; folded into range, sorted, deduplicated). */
export const splitAt = splitBytes;

/** An expected OpenAI choice chunk for the test stream identity. */
export function expectedChunk(delta: Record<string, unknown>, finishReason: FinishReason | null = null, includeUsage = true, index = 0) {
  return {
    ...streamIdentity,
    object: 'chat.completion.chunk',
    choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

export function expectedUsageChunk(usage: Usage) {
  return { ...streamIdentity, object: 'chat.completion.chunk', choices: [], usage };
}
