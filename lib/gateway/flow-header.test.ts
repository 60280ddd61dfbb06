import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors';
import { parseFlowHeader, UNKNOWN_FLOW } from './flow-header';

describe('parseFlowHeader', () => {
  it.each([
    [undefined, UNKNOWN_FLOW],
    ['', UNKNOWN_FLOW],
    ['   ', UNKNOWN_FLOW],
    ['checkout', 'checkout'],
    ['  summarise-v2.1_beta  ', 'summarise-v2.1_beta'],
    ['x'.repeat(64), 'x'.repeat(64)],
    [['one'], 'one'],
  ])('%j → %s', (value, expected) => {
    expect(parseFlowHeader(value as string | undefined)).toBe(expected);
  });

  it.each([['x'.repeat(65), /65 characters/], ['has space', /letters, digits/], ['émoji', /letters, digits/], ['a/b', /letters/], [['a', 'b'], /one X-Flow/]])(
    '%j → 400',
    (value, message) => {
      let error: unknown;
      try {
        parseFlowHeader(value as string);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).param).toBe('X-Flow');
      expect((error as GatewayError).message).toMatch(message);
    },
  );
});
