// Secrets at rest (OAuth tokens, any user-provided credential): AES-256-GCM with a key derived
// from LLMTEST_SECRET by HKDF-SHA256, in a versioned text format so the secret can be rotated:
//
//   enc:v1:<key id>:<base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag)>
//
// The key id is a short fingerprint of the derived key: decryption picks the key that wrote the
// value among LLMTEST_SECRET and LLMTEST_SECRET_PREVIOUS, and `llmtest secrets rotate` finds the
// values still under an old key. `context` (e.g. "Account.access_token") is bound as GCM
// associated data: a ciphertext copied into another column or purpose does not decrypt.
// Values without the `enc:` prefix are plaintext written before encryption existed: decrypt()
// returns them unchanged and rotation encrypts them.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = 'llmtest.secret-box';
const HKDF_INFO = 'llmtest/secret-box/v1/aes-256-gcm';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface DerivedKey {
  id: string;
  key: Buffer;
}

export interface SecretBox {
  /** The id of the key new values are written with. */
  readonly currentKeyId: string;
  encrypt(plaintext: string, context: string): string;
  /** Plaintext of an `enc:` value (any known key), or the value itself when it is not encrypted. */
  decrypt(value: string, context: string): string;
  isEncrypted(value: string): boolean;
  /** True for plaintext and for values written with another key than the current one. */
  needsRotation(value: string): boolean;
}

function deriveKey(secret: string): DerivedKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
  // 8 hex characters of a hash of the derived key: identifies it without revealing anything useful.
  const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return { id, key };
}

export function createSecretBox(options: { secret: string; previousSecrets?: string[] }): SecretBox {
  if (!options.secret || options.secret.length < 16) throw new SecretBoxError('LLMTEST_SECRET must be at least 16 characters.');
  const current = deriveKey(options.secret);
  const keys = new Map<string, Buffer>([[current.id, current.key]]);
  for (const previous of options.previousSecrets ?? []) {
    const derived = deriveKey(previous);
    if (!keys.has(derived.id)) keys.set(derived.id, derived.key);
  }

  function parse(value: string): { keyId: string; payload: Buffer } {
    const [, version, keyId, data] = value.split(':');
    if (version !== VERSION || !keyId || data === undefined) throw new SecretBoxError(`Unsupported encrypted value format (expected enc:${VERSION}:…).`);
    const payload = Buffer.from(data, 'base64url');
    if (payload.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('Encrypted value is truncated.');
    return { keyId, payload };
  }

  return {
    currentKeyId: current.id,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${PREFIX}${VERSION}:${current.id}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(value, context) {
      if (!value.startsWith(PREFIX)) return value;
      const { keyId, payload } = parse(value);
      const key = keys.get(keyId);
      if (!key) {
        throw new SecretBoxError(
          `A value was encrypted with key ${keyId}, which is neither LLMTEST_SECRET nor LLMTEST_SECRET_PREVIOUS: set the old secret in LLMTEST_SECRET_PREVIOUS.`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('Encrypted value failed authentication (tampered, or stored under another context).');
      }
    },
    isEncrypted(value) {
      return value.startsWith(PREFIX);
    },
    needsRotation(value) {
      if (!value.startsWith(PREFIX)) return true;
      return parse(value).keyId !== current.id;
    },
  };
}

/** LLMTEST_SECRET (required) and LLMTEST_SECRET_PREVIOUS (optional, comma-separated) → a SecretBox. */
export function secretBoxFromEnv(env: Record<string, string | undefined> = process.env): SecretBox {
  const secret = env.LLMTEST_SECRET?.trim();
  if (!secret) throw new SecretBoxError('LLMTEST_SECRET is not set (the server generates one into <data dir>/secrets.json at first start).');
  const previousSecrets = (env.LLMTEST_SECRET_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return createSecretBox({ secret, previousSecrets });
}
