import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError, secretBoxFromEnv } from './secret-box';

const OLD = 'old-secret-0123456789abcdef0123456789';
const NEW = 'new-secret-abcdef0123456789abcdef0123';

describe('secret box (AES-256-GCM, HKDF from LLMTEST_SECRET)', () => {
  it('round-trips and never contains the plaintext', () => {
    const box = createSecretBox({ secret: NEW });
    const sealed = box.encrypt('gho_token_value', 'Account.access_token');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('gho_token_value');
    expect(box.decrypt(sealed, 'Account.access_token')).toBe('gho_token_value');
    expect(box.isEncrypted(sealed)).toBe(true);
    expect(box.needsRotation(sealed)).toBe(false);
  });

  it('uses a fresh IV each time', () => {
    const box = createSecretBox({ secret: NEW });
    expect(box.encrypt('same', 'c')).not.toBe(box.encrypt('same', 'c'));
  });

  it('refuses a tampered value and a value moved to another context', () => {
    const box = createSecretBox({ secret: NEW });
    const sealed = box.encrypt('secret', 'Account.access_token');
    const bytes = Buffer.from(sealed.split(':')[3]!, 'base64url');
    bytes[14]! ^= 1;
    const tampered = `${sealed.split(':').slice(0, 3).join(':')}:${bytes.toString('base64url')}`;
    expect(() => box.decrypt(tampered, 'Account.access_token')).toThrow(SecretBoxError);
    expect(() => box.decrypt(sealed, 'Account.refresh_token')).toThrow(/authentication/);
  });

  it('rotation: the new secret reads old values through LLMTEST_SECRET_PREVIOUS and flags them', () => {
    const sealedOld = createSecretBox({ secret: OLD }).encrypt('v', 'ctx');
    const rotated = createSecretBox({ secret: NEW, previousSecrets: [OLD] });
    expect(rotated.decrypt(sealedOld, 'ctx')).toBe('v');
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    const resealed = rotated.encrypt(rotated.decrypt(sealedOld, 'ctx'), 'ctx');
    expect(rotated.needsRotation(resealed)).toBe(false);
    // Without the previous secret, the error says what to set.
    expect(() => createSecretBox({ secret: NEW }).decrypt(sealedOld, 'ctx')).toThrow(/LLMTEST_SECRET_PREVIOUS/);
  });

  it('passes plaintext written before encryption through, and marks it for rotation', () => {
    const box = createSecretBox({ secret: NEW });
    expect(box.decrypt('legacy-plain-token', 'ctx')).toBe('legacy-plain-token');
    expect(box.needsRotation('legacy-plain-token')).toBe(true);
  });

  it('reads the environment: LLMTEST_SECRET required, LLMTEST_SECRET_PREVIOUS comma-separated', () => {
    expect(() => secretBoxFromEnv({})).toThrow(/LLMTEST_SECRET/);
    const sealed = createSecretBox({ secret: OLD }).encrypt('x', 'c');
    expect(secretBoxFromEnv({ LLMTEST_SECRET: NEW, LLMTEST_SECRET_PREVIOUS: ` other-secret-0123456789abcdef ,${OLD}` }).decrypt(sealed, 'c')).toBe('x');
    expect(() => createSecretBox({ secret: 'short' })).toThrow(/16 characters/);
  });
});
