// Default answers taken from the recorded fixtures (read once, asynchronously, at start-up:
// nothing touches the disk per request).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createSseParser } from '../../lib/providers/shared/sse-parser';
import type { FakeProviderName } from './fake-types';

export interface DefaultAnswer {
  text: string;
  pieces: string[];
}

/** ../shared/fixtures relative to the repo root. */
export const fixturesDir = path.resolve(__dirname, '../../../shared/fixtures');

function sseDataPayloads(text: string): unknown[] {
  const payloads: unknown[] = [];
  const parser = createSseParser({
    onEvent: (event) => {
      try {
        payloads.push(JSON.parse(event.data));
      } catch {
        // [DONE] and anything else that is not JSON carries no text.
      }
    },
  });
  parser.push(text);
  parser.end();
  return payloads;
}

type Extract = (payload: unknown) => string | undefined;

function at(value: unknown, ...keys: Array<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const openAiDelta: Extract = (payload) => {
  const content = at(payload, 'choices', 0, 'delta', 'content');
  return typeof content === 'string' && content.length > 0 ? content : undefined;
};
const anthropicDelta: Extract = (payload) => {
  const text = at(payload, 'delta', 'text');
  return at(payload, 'type') === 'content_block_delta' && typeof text === 'string' ? text : undefined;
};
const geminiDelta: Extract = (payload) => {
  const text = at(payload, 'candidates', 0, 'content', 'parts', 0, 'text');
  return typeof text === 'string' ? text : undefined;
};

async function load(file: string, extract: Extract): Promise<DefaultAnswer> {
  const text = await readFile(path.join(fixturesDir, 'providers', file), 'utf8');
  const pieces = sseDataPayloads(text)
    .map(extract)
    .filter((piece): piece is string => piece !== undefined);
  if (pieces.length === 0) throw new Error(`fixture ${file} has no text pieces`);
  return { text: pieces.join(''), pieces };
}

export async function loadDefaultAnswers(): Promise<Record<FakeProviderName, DefaultAnswer>> {
  const [openai, openrouter, anthropic, gemini] = await Promise.all([
    load('openai/chat-stream-text-include-usage.sse', openAiDelta),
    load('openrouter/chat-stream-long-processing-usage-in-choice-chunk.sse', openAiDelta),
    load('anthropic/messages-stream-text.sse', anthropicDelta),
    load('gemini/stream-sse-text.sse', geminiDelta),
  ]);
  return { openai, openrouter, anthropic, gemini, compat: openai };
}
