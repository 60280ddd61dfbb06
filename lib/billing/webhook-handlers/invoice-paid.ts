// invoice.paid: whatever failed before is settled; the grace period (if any) ends and Pay as you
// go continues. Ignored when a newer invoice event was already applied.
import { invoiceSchema } from './invoice-schema';
import { eventTime, findAccountUserId, lockAccount, type WebhookHandler } from './webhook-handler';

export const invoicePaid: WebhookHandler = async (tx, event) => {
  const parsed = invoiceSchema.safeParse(event.data.object);
  if (!parsed.success) return { outcome: 'ignored', reason: 'not an invoice' };
  const userId = await findAccountUserId(tx, parsed.data.customer);
  if (!userId) return { outcome: 'ignored', reason: `unknown customer ${parsed.data.customer}` };
  await lockAccount(tx, userId);
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { userId } });
  const version = eventTime(event);
  if (account.invoiceVersion && version < account.invoiceVersion) return { outcome: 'ignored', reason: 'stale', userId };
  await tx.billingAccount.update({ where: { userId }, data: { paymentFailedAt: null, graceUntil: null, invoiceVersion: version } });
  return { outcome: 'applied', userId };
};
