/** A user-facing failure of an account operation (CLI, admin socket and dashboard show `message`). */
export class AccountError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'duplicate_email' | 'user_not_found' | 'key_not_found' | 'ambiguous_prefix',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
