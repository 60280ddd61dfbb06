// "Use this model for this flow": the flow's model override becomes the candidate, through
// updateFlowSettings (recorded in FlowSettingChange, undoable from the flow page or the banner).
// The fallback chain is kept. The caller drops the gateway's cached settings of the flow so the
// next production call on this instance goes to the new model (other instances: within the
// flow-settings cache TTL).
import type { Db } from '../db/client';
import { type FlowSettingChangeRecord, type SettingsActor, updateFlowSettings } from '../queries/flows/update-flow-settings';
import { BenchmarkNotFoundError } from './create-benchmark';

export async function switchFlowModel(
  db: Db,
  actor: SettingsActor,
  benchmarkId: string,
  model: string,
): Promise<{ flowName: string; change: FlowSettingChangeRecord | null }> {
  const benchmark = await db.benchmark.findFirst({
    where: { id: benchmarkId, userId: actor.userId },
    select: { candidateModels: true, baselineModel: true, flow: { select: { name: true, fallbackChain: true } } },
  });
  if (!benchmark) throw new BenchmarkNotFoundError();
  if (!benchmark.candidateModels.includes(model) && model !== benchmark.baselineModel) throw new BenchmarkNotFoundError('Model not in this benchmark');
  const change = await updateFlowSettings(db, actor, benchmark.flow.name, { modelOverride: model, fallbackChain: benchmark.flow.fallbackChain ?? [] });
  return { flowName: benchmark.flow.name, change };
}
