// Helpers for provider tests (not used by production code): fixture access and running a
// stream transform over arbitrarily split input.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** /work/shared/fixtures/providers, i.e. `../shared/fixtures/providers` from the repo root. */
export const providerFixturesDir = path.resolve(__dirname, '../../../../shared/fixtures/providers');

export function readProviderFixture(relativePath: string): Buffer {
  return readFileSync(path.join(providerFixturesDir, relativePath));
}

/** Split bytes at the given cut points (taken modulo length + 1, in any order, duplicates allowed). */
export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let previous = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(previous, point));
    previous = point;
  }
  pieces.push(bytes.subarray(previous));
  return pieces;
}

/** Push the chunks through the transform and return everything it wrote, decoded. */
export async function runTransform(transform: TransformStream<Uint8Array, Uint8Array>, chunks: readonly Uint8Array[]): Promise<string> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const decoder = new TextDecoder();
  let text = '';
  const reader = source.pipeThrough(transform).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The `data:` payloads of an OpenAI SSE text (which uses single-line data events). */
export function dataPayloads(sse: string): string[] {
  return sse
    .split('\n\n')
    .filter((block) => block.length > 0)
    .map((block) => {
      if (!block.startsWith('data: ')) throw new Error(`not a data event: ${JSON.stringify(block)}`);
      return block.slice('data: '.length);
    });
}
