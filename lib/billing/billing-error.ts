/** A billing operation that cannot be done as asked; the message is for the user or operator. */
export class BillingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BillingError';
  }
}
