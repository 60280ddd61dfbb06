// The judge: one model grades each candidate answer against the baseline's answer and the
// original request, with a fixed rubric (shown in the UI as is). It answers JSON
// {"score": 1-10, "reason": "…"}; its calls go through the gateway like the replays (source
// 'benchmark') and their cost is kept apart as judge cost.
import { z } from 'zod';
import { jsonrepair } from 'jsonrepair';

export const JUDGE_RUBRIC = `You are grading an AI model's answer for one feature of a production application.
You are given the original request (the conversation the application sent), a REFERENCE answer (what the application's current model returned) and a CANDIDATE answer (from another model).
Score the CANDIDATE from 1 to 10 on how well it serves the request compared with the REFERENCE:
10 = as good as the reference or better; 7-9 = same substance with minor omissions or differences in wording;
4-6 = partly right, or missing something important; 1-3 = wrong, off-task, unusable, or ignoring a required output format.
Judge correctness, completeness and compliance with the requested format. Do not reward length or style.
Reply with JSON only: {"score": <integer 1-10>, "reason": "<one short sentence>"}`;

/** Each part shown to the judge is cut to this many characters (cost and context bounds). */
const PART_LIMIT = 8_000;

const cut = (text: string) => (text.length > PART_LIMIT ? `${text.slice(0, PART_LIMIT)}\n[… cut at ${PART_LIMIT} characters]` : text);

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : '')).join('');
  return content === null || content === undefined ? '' : JSON.stringify(content);
}

/** The conversation of the recorded request as "role: text" lines. */
export function conversationText(request: Record<string, unknown>): string {
  const messages = Array.isArray(request.messages) ? (request.messages as Array<Record<string, unknown>>) : [];
  return messages.map((m) => `${String(m.role ?? 'user')}: ${messageText(m.content)}${m.tool_calls ? ` ${JSON.stringify(m.tool_calls)}` : ''}`).join('\n');
}

/** The /v1/chat/completions body of one judge call. */
export function judgeRequestBody(options: { judgeModel: string; jsonCapable: boolean; request: Record<string, unknown>; reference: string; candidate: string }): string {
  const user = `REQUEST:\n${cut(conversationText(options.request))}\n\nREFERENCE:\n${cut(options.reference)}\n\nCANDIDATE:\n${cut(options.candidate)}`;
  return JSON.stringify({
    model: options.judgeModel,
    messages: [
      { role: 'system', content: JUDGE_RUBRIC },
      { role: 'user', content: user },
    ],
    temperature: 0,
    max_tokens: 300,
    ...(options.jsonCapable ? { response_format: { type: 'json_object' } } : {}),
  });
}

const verdictShape = z.looseObject({ score: z.coerce.number(), reason: z.string().nullish() });

export interface JudgeVerdict {
  /** 1..10 */
  score: number;
  reason: string;
}

/** The judge's answer → score and reason; null when it gave no usable score. */
export function parseJudgeVerdict(text: string | null): JudgeVerdict | null {
  if (!text) return null;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0) {
    try {
      const parsed = verdictShape.safeParse(JSON.parse(jsonrepair(text.slice(start, end > start ? end + 1 : undefined))));
      if (parsed.success && Number.isFinite(parsed.data.score)) return verdict(parsed.data.score, parsed.data.reason ?? '');
    } catch {
      // fall through to the plain-text form
    }
  }
  const match = /score\W{0,5}(\d+(?:\.\d+)?)/i.exec(text);
  return match ? verdict(Number(match[1]), text.replace(match[0], '').trim()) : null;
}

function verdict(score: number, reason: string): JudgeVerdict {
  return { score: Math.min(10, Math.max(1, Math.round(score * 10) / 10)), reason: reason.trim().slice(0, 300) };
}
