// Changing a flow's settings, and undoing a change: each writes the Flow row and one
// FlowSettingChange (who, when, before → after) in the same transaction. The gateway reads
// Flow.modelOverride / fallbackChain through a cache of a few seconds.
import type { Db } from '../../db/client';
import type { FlowSettings } from './validate-flow-settings';

export interface FlowSettingChangeRecord {
  id: string;
  createdAt: Date;
  changedByEmail: string;
  before: FlowSettings;
  after: FlowSettings;
  undoOfId: string | null;
}

export class FlowNotFoundError extends Error {
  readonly status = 404;
  constructor() {
    super('Flow not found');
  }
}

const same = (a: FlowSettings, b: FlowSettings) =>
  a.modelOverride === b.modelOverride && a.fallbackChain.length === b.fallbackChain.length && a.fallbackChain.every((m, i) => m === b.fallbackChain[i]);

type ChangeRow = {
  id: string;
  createdAt: Date;
  changedByEmail: string;
  beforeModelOverride: string | null;
  afterModelOverride: string | null;
  beforeFallbackChain: string[];
  afterFallbackChain: string[];
  undoOfId: string | null;
};

export function toChangeRecord(row: ChangeRow): FlowSettingChangeRecord {
  return {
    id: row.id,
    createdAt: row.createdAt,
    changedByEmail: row.changedByEmail,
    before: { modelOverride: row.beforeModelOverride, fallbackChain: row.beforeFallbackChain ?? [] },
    after: { modelOverride: row.afterModelOverride, fallbackChain: row.afterFallbackChain ?? [] },
    undoOfId: row.undoOfId,
  };
}

export interface SettingsActor {
  userId: string;
  email: string;
}

/** Sets the user's flow `flowName` to `settings`; null when nothing changed. */
export async function updateFlowSettings(
  db: Db,
  actor: SettingsActor,
  flowName: string,
  settings: FlowSettings,
  undoOfId: string | null = null,
): Promise<FlowSettingChangeRecord | null> {
  return db.$transaction(async (tx) => {
    const flow = await tx.flow.findUnique({ where: { userId_name: { userId: actor.userId, name: flowName } } });
    if (!flow) throw new FlowNotFoundError();
    const before: FlowSettings = { modelOverride: flow.modelOverride, fallbackChain: flow.fallbackChain ?? [] };
    if (same(before, settings)) return null;
    await tx.flow.update({ where: { id: flow.id }, data: { modelOverride: settings.modelOverride, fallbackChain: settings.fallbackChain } });
    const row = await tx.flowSettingChange.create({
      data: {
        flowId: flow.id,
        changedById: actor.userId,
        changedByEmail: actor.email,
        beforeModelOverride: before.modelOverride,
        afterModelOverride: settings.modelOverride,
        beforeFallbackChain: before.fallbackChain,
        afterFallbackChain: settings.fallbackChain,
        undoOfId,
      },
    });
    return toChangeRecord(row);
  });
}

/** Restores the values a change replaced (recorded as a new change); 404 for another user's change. */
export async function undoFlowSettingChange(db: Db, actor: SettingsActor, flowName: string, changeId: string): Promise<FlowSettingChangeRecord | null> {
  const change = await db.flowSettingChange.findFirst({ where: { id: changeId, flow: { userId: actor.userId, name: flowName } } });
  if (!change) throw new FlowNotFoundError();
  return updateFlowSettings(db, actor, flowName, { modelOverride: change.beforeModelOverride, fallbackChain: change.beforeFallbackChain ?? [] }, change.id);
}

/** Newest first. */
export async function listFlowSettingChanges(db: Db, userId: string, flowId: string, limit = 20): Promise<FlowSettingChangeRecord[]> {
  const rows = await db.flowSettingChange.findMany({ where: { flowId, flow: { userId } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
  return rows.map(toChangeRecord);
}
