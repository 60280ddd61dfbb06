// The provider-neutral answer a fake upstream renders in its own wire format.
import { randomBytes } from 'node:crypto';

export interface FakeToolCall {
  id: string;
  name: string;
  arguments: string;
  argumentPieces: string[];
}

export interface FakeAnswer {
  id: string;
  created: number;
  model: string;
  text: string;
  pieces: string[];
  toolCall: FakeToolCall | undefined;
  /** Undefined: answer without usage (the 'no-usage' fault). */
  usage: { promptTokens: number; completionTokens: number } | undefined;
  /** OpenAI format: the client asked for stream_options.include_usage. */
  includeUsage: boolean;
  /**
   * OpenAI format: usage rides on the finish chunk, unasked (Mistral's behaviour; it rejects
   * stream_options).
   */
  usageOnFinishChunk: boolean;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let index = 0; index < length; index++) id += ALPHANUMERIC[bytes[index] % ALPHANUMERIC.length];
  return id;
}

/** A rough, deterministic token count (~4 characters a token), so tests can predict usage. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Split text into `count` non-empty pieces of near-equal length (fewer when the text is short). */
export function splitText(text: string, count: number): string[] {
  const characters = Array.from(text);
  if (characters.length === 0) return [''];
  const pieces = Math.max(1, Math.min(count, characters.length));
  const result: string[] = [];
  for (let index = 0; index < pieces; index++) {
    const start = Math.floor((index * characters.length) / pieces);
    const end = Math.floor(((index + 1) * characters.length) / pieces);
    result.push(characters.slice(start, end).join(''));
  }
  return result;
}
