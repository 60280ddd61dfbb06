// Quality without a judge: agreement of a candidate's answer with the baseline's recorded answer.
//   JSON flows (response_format json_object / json_schema): the answer must be valid JSON (and
//   match the json_schema) → jsonValid; agreement = key/value agreement with the baseline's JSON
//   (json-agreement.ts), 0 when the answer is not valid JSON. When the baseline itself is not
//   JSON, text agreement is used instead.
//   Text flows: ROUGE-L F1 over words (rouge-l.ts).
// Labelled "agreement" in the UI: it says how close a model comes to what production returns
// today, not whether either answer is right.
import { checkJsonContent } from '../../gateway/json-recovery';
import { jsonAgreement, parseJson } from './json-agreement';
import { rougeLF1 } from './rouge-l';

export interface AnswerScore {
  /** JSON flows only; null for text flows. */
  jsonValid: boolean | null;
  /** 0..1 */
  agreement: number;
}

export function scoreAnswer(sample: { jsonMode: boolean; jsonSchema?: Record<string, unknown>; baselineText: string | null }, answer: string): AnswerScore {
  const baseline = sample.baselineText ?? '';
  if (!sample.jsonMode) return { jsonValid: null, agreement: rougeLF1(baseline, answer) };
  // Valid = what the caller received parses (and fits the schema) without further repair.
  const check = checkJsonContent(answer, { mode: sample.jsonSchema ? 'json_schema' : 'json_object', schema: sample.jsonSchema });
  const jsonValid = check.ok && !check.repaired;
  const reference = parseJson(baseline);
  if (reference === undefined) return { jsonValid, agreement: rougeLF1(baseline, answer) };
  return { jsonValid, agreement: jsonValid ? jsonAgreement(reference, parseJson(answer)) : 0 };
}
