import type { Db } from '../../db/client';

export interface FlowRecord {
  id: string;
  name: string;
  modelOverride: string | null;
  fallbackChain: string[];
  createdAt: Date;
  lastCallAt: Date | null;
}

/** The user's flow of that name, or null (another user's flow is null too: pages answer 404). */
export async function getFlowByName(db: Db, userId: string, name: string): Promise<FlowRecord | null> {
  return db.flow.findUnique({
    where: { userId_name: { userId, name } },
    select: { id: true, name: true, modelOverride: true, fallbackChain: true, createdAt: true, lastCallAt: true },
  });
}

/** True when the user has logged at least one call (any flow, any time): the empty state otherwise. */
export async function userHasFlows(db: Db, userId: string): Promise<boolean> {
  return (await db.flow.findFirst({ where: { userId }, select: { id: true } })) !== null;
}
