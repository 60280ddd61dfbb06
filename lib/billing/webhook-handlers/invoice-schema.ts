import { z } from 'zod';
import { stripeId } from './webhook-handler';

export const invoiceSchema = z.looseObject({
  id: z.string(),
  customer: stripeId.nullish(),
  status: z.string().nullish(),
});
