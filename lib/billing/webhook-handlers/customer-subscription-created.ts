// customer.subscription.created: the subscription as it now is (see apply-subscription.ts for the
// ordering rules that make out-of-order delivery safe).
import { applySubscriptionEvent } from './apply-subscription';
import type { WebhookHandler } from './webhook-handler';

export const customerSubscriptionCreated: WebhookHandler = (tx, event, context) => applySubscriptionEvent(tx, event, context);
