// CallFilters → a Prisma `where` for one user's calls. The userId condition is always there: it is
// the tenancy boundary, and the leading column of the (userId, createdAt desc, id desc) index.
import { getModel } from '../../catalog';
import type { Prisma } from '../../generated/prisma/client';
import type { CallFilters } from './call-filters';

/** The filter's model plus, for a catalog model, its id and aliases ("gpt-4o" finds "openai/gpt-4o"). */
export function modelNames(model: string): string[] {
  const known = getModel(model);
  return [...new Set([model, ...(known ? [known.id, ...known.aliases] : [])])];
}

/**
 * `flowId` is the resolved id of `filters.flow` (null: no such flow for this user, so nothing
 * matches); the flow is resolved first so that the calls query stays on one table.
 */
export function callWhere(userId: string, filters: CallFilters, flowId: string | null | undefined): Prisma.CallLogWhereInput {
  const and: Prisma.CallLogWhereInput[] = [{ userId }];
  if (filters.flow !== undefined) and.push({ flowId: flowId ?? '\u0000no-such-flow' });
  if (filters.model !== undefined) {
    const names = modelNames(filters.model);
    and.push({ OR: [{ requestedModel: { in: names } }, { servedModel: { in: names } }] });
  }
  const status = filters.status;
  if (status === 'ok' || status === 'error' || status === 'cancelled') and.push({ status });
  else if (status === '4xx') and.push({ httpStatus: { gte: 400, lt: 500 } });
  else if (status === '5xx') and.push({ httpStatus: { gte: 500, lt: 600 } });
  else if (typeof status === 'number') and.push({ httpStatus: status });
  if (filters.fellBack !== undefined) and.push({ fellBack: filters.fellBack });
  if (filters.jsonRepaired !== undefined) and.push({ jsonRepaired: filters.jsonRepaired });
  if (filters.keyId !== undefined) and.push({ apiKeyId: filters.keyId });
  if (filters.source !== undefined) and.push({ source: filters.source });
  if (filters.from) and.push({ createdAt: { gte: filters.from } });
  if (filters.to) and.push({ createdAt: { lt: filters.to } });
  return { AND: and };
}
