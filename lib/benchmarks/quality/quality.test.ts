import { describe, expect, it } from 'vitest';
import { jsonAgreement } from './json-agreement';
import { parseJudgeVerdict } from './judge';
import { rougeLF1, tokenize } from './rouge-l';
import { scoreAnswer } from './score-answer';

describe('ROUGE-L F1', () => {
  it('is 1 for the same words, case and punctuation aside', () => {
    expect(rougeLF1('Hello, World!', 'hello world')).toBe(1);
  });
  it('counts the longest common subsequence of words', () => {
    // LCS("the cat sat on the mat", "the cat lay on a mat") = the cat on mat = 4; P = 4/6, R = 4/6
    expect(rougeLF1('the cat sat on the mat', 'the cat lay on a mat')).toBeCloseTo(4 / 6, 10);
    // recall 2/2, precision 2/4 → F1 = 2·0.5·1/1.5
    expect(rougeLF1('reset password', 'to reset your password')).toBeCloseTo(2 / 3, 10);
  });
  it('is 0 with nothing in common and 1 for two empty answers', () => {
    expect(rougeLF1('abc', 'xyz')).toBe(0);
    expect(rougeLF1('', '')).toBe(1);
    expect(rougeLF1('', 'x')).toBe(0);
  });
  it('tokenizes any script and caps the length', () => {
    expect(tokenize('Grüße, 東京 42')).toEqual(['grüße', '東京', '42']);
    expect(tokenize('a '.repeat(5000))).toHaveLength(2000);
  });
});

describe('JSON key/value agreement', () => {
  it('is the share of leaf paths, over both documents, with the same value', () => {
    expect(jsonAgreement({ a: 1, b: { c: 'x' } }, { a: 1.0, b: { c: 'x' } })).toBe(1);
    // paths a, b.c, d: a agrees, b.c differs, d only in the candidate → 1/3
    expect(jsonAgreement({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' }, d: true })).toBeCloseTo(1 / 3, 10);
    expect(jsonAgreement({ tags: ['a', 'b'] }, { tags: ['a'] })).toBe(0.5);
    expect(jsonAgreement({}, {})).toBe(1);
  });
  it('scores JSON flows: validity against the schema, agreement 0 when invalid', () => {
    const sample = { jsonMode: true, jsonSchema: { type: 'object', required: ['answer'] }, baselineText: '{"answer":"yes"}' };
    expect(scoreAnswer(sample, '{"answer":"yes"}')).toEqual({ jsonValid: true, agreement: 1 });
    expect(scoreAnswer(sample, '{"other":"yes"}')).toEqual({ jsonValid: false, agreement: 0 });
    expect(scoreAnswer(sample, 'yes')).toEqual({ jsonValid: false, agreement: 0 });
    expect(scoreAnswer({ jsonMode: false, baselineText: 'a b' }, 'a b')).toEqual({ jsonValid: null, agreement: 1 });
  });
});

describe('judge verdicts', () => {
  it('reads the JSON answer, tolerating fences and prose', () => {
    expect(parseJudgeVerdict('{"score": 7, "reason": "Misses step 2."}')).toEqual({ score: 7, reason: 'Misses step 2.' });
    expect(parseJudgeVerdict('```json\n{"score": "9", "reason": "ok"}\n```')).toEqual({ score: 9, reason: 'ok' });
    expect(parseJudgeVerdict('Score: 4 - too vague')).toEqual({ score: 4, reason: '- too vague' });
    expect(parseJudgeVerdict('{"score": 15}')).toEqual({ score: 10, reason: '' });
    expect(parseJudgeVerdict('no idea')).toBeNull();
  });
});
