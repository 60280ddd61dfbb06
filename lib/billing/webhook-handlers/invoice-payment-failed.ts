// invoice.payment_failed: Pay as you go continues for LLMTEST_BILLING_GRACE_DAYS (the user sees
// a banner asking to update their card), then Free limits apply until an invoice is paid.
// Repeated failures (Stripe's retries) do not extend the grace period. A failure older than the
// last invoice event applied (e.g. a paid invoice delivered first) is ignored.
import { invoiceSchema } from './invoice-schema';
import { eventTime, findAccountUserId, lockAccount, type WebhookHandler } from './webhook-handler';

export const invoicePaymentFailed: WebhookHandler = async (tx, event, context) => {
  const parsed = invoiceSchema.safeParse(event.data.object);
  if (!parsed.success) return { outcome: 'ignored', reason: 'not an invoice' };
  const userId = await findAccountUserId(tx, parsed.data.customer);
  if (!userId) return { outcome: 'ignored', reason: `unknown customer ${parsed.data.customer}` };
  await lockAccount(tx, userId);
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { userId } });
  const version = eventTime(event);
  if (account.invoiceVersion && version <= account.invoiceVersion) return { outcome: 'ignored', reason: 'stale', userId };
  const grace = account.graceUntil
    ? {}
    : { paymentFailedAt: version, graceUntil: new Date(version.getTime() + context.config.graceDays * 86_400_000) };
  await tx.billingAccount.update({ where: { userId }, data: { ...grace, invoiceVersion: version } });
  return { outcome: 'applied', userId };
};
