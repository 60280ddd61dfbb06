// Gemini function calls usually carry no id, OpenAI tool calls must. Ids are derived from the
// completion id so they are unique across the turns of a conversation (a client that keys tool
// results by id over the whole history must not see call_0 twice), and deterministic for tests.
export function createToolCallIdGenerator(completionId: string): (upstreamId?: string | null) => string {
  const stem = completionId.replace(/^chatcmpl-/, '');
  let next = 0;
  return (upstreamId) => upstreamId || `call_${stem}_${next++}`;
}
