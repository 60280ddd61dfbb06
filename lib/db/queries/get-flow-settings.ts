import type { Db } from '../client';

/** A flow's server-side routing settings (model override, fallback chain), or null before its first call. */
export async function getFlowSettings(db: Db, userId: string, flowName: string): Promise<{ modelOverride: string | null; fallbackChain: string[] } | null> {
  return db.flow.findUnique({ where: { userId_name: { userId, name: flowName } }, select: { modelOverride: true, fallbackChain: true } });
}
