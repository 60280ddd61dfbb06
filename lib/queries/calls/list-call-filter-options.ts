// What the explorer's filter menus offer, from the user's own data only: their flows, their keys
// (revoked ones too: old calls were made with them) and the models of their recent calls.
import type { Db } from '../../db/client';

export interface CallFilterOptions {
  flows: string[];
  keys: { id: string; name: string; prefix: string; revoked: boolean }[];
  /** Requested and served model ids of the latest calls (suggestions; any id can be typed). */
  models: string[];
}

/** Recent calls scanned for model suggestions: a bounded index read, not a DISTINCT over the log. */
const RECENT_CALLS_FOR_MODELS = 500;

export async function listCallFilterOptions(db: Db, userId: string): Promise<CallFilterOptions> {
  const [flows, keys, recent] = await Promise.all([
    db.flow.findMany({ where: { userId }, select: { name: true }, orderBy: { name: 'asc' } }),
    db.apiKey.findMany({ where: { userId }, select: { id: true, name: true, prefix: true, revokedAt: true }, orderBy: { createdAt: 'desc' } }),
    db.callLog.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: RECENT_CALLS_FOR_MODELS,
      select: { requestedModel: true, servedModel: true },
    }),
  ]);
  const models = new Set<string>();
  for (const call of recent) {
    if (call.requestedModel) models.add(call.requestedModel);
    if (call.servedModel) models.add(call.servedModel);
  }
  return {
    flows: flows.map((flow) => flow.name),
    keys: keys.map((key) => ({ id: key.id, name: key.name, prefix: key.prefix, revoked: key.revokedAt !== null })),
    models: [...models].sort(),
  };
}
