// Flow settings: validated against the catalog, every change audited, undo restores, tenancy.
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { getFlowSettings } from '../../lib/db/queries/get-flow-settings';
import { FlowNotFoundError, listFlowSettingChanges, undoFlowSettingChange, updateFlowSettings } from '../../lib/queries/flows/update-flow-settings';
import { validateFlowSettings } from '../../lib/queries/flows/validate-flow-settings';
import { useTestDatabase } from '../helpers/test-database';
import { createUserWithFlows } from './seed-calls';

useTestDatabase();

describe('validateFlowSettings', () => {
  it('resolves aliases to catalog ids, dedupes the chain, and suggests for unknown models', () => {
    expect(validateFlowSettings({ modelOverride: ' gpt-4o-mini ', fallbackChain: 'gpt-4.1-mini,\n gpt-4o-mini, gpt-4.1-mini' })).toEqual({
      ok: true,
      settings: { modelOverride: 'openai/gpt-4o-mini', fallbackChain: ['openai/gpt-4.1-mini', 'openai/gpt-4o-mini'] },
    });
    expect(validateFlowSettings({ modelOverride: '', fallbackChain: '' })).toEqual({ ok: true, settings: { modelOverride: null, fallbackChain: [] } });
    const bad = validateFlowSettings({ modelOverride: 'gpt-4o-mnii', fallbackChain: ['no-such-model'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.modelOverride).toMatch(/Unknown model "gpt-4o-mnii"\. Did you mean .*gpt-4o-mini/);
      expect(bad.errors.fallbackChain).toMatch(/Unknown model "no-such-model"/);
    }
  });
});

describe('updateFlowSettings', () => {
  it('records who changed what, restores on undo, and refuses other users', async () => {
    const db = await getDb();
    const owner = await createUserWithFlows(db, 'owner@example.com', ['support-bot']);
    const other = await createUserWithFlows(db, 'other@example.com', ['support-bot']);
    const actor = { userId: owner.userId, email: 'owner@example.com' };

    const first = await updateFlowSettings(db, actor, 'support-bot', { modelOverride: 'openai/gpt-4o-mini', fallbackChain: [] });
    expect(first).toMatchObject({ changedByEmail: 'owner@example.com', before: { modelOverride: null, fallbackChain: [] }, after: { modelOverride: 'openai/gpt-4o-mini' } });
    expect(await updateFlowSettings(db, actor, 'support-bot', { modelOverride: 'openai/gpt-4o-mini', fallbackChain: [] })).toBeNull();
    const second = await updateFlowSettings(db, actor, 'support-bot', { modelOverride: null, fallbackChain: ['openai/gpt-4.1-mini', 'openai/gpt-4o-mini'] });
    // what the gateway reads
    expect(await getFlowSettings(db, owner.userId, 'support-bot')).toEqual({ modelOverride: null, fallbackChain: ['openai/gpt-4.1-mini', 'openai/gpt-4o-mini'] });

    const undo = await undoFlowSettingChange(db, actor, 'support-bot', second!.id);
    expect(undo).toMatchObject({ undoOfId: second!.id, after: { modelOverride: 'openai/gpt-4o-mini', fallbackChain: [] } });
    expect(await getFlowSettings(db, owner.userId, 'support-bot')).toEqual({ modelOverride: 'openai/gpt-4o-mini', fallbackChain: [] });

    const history = await listFlowSettingChanges(db, owner.userId, owner.flows['support-bot']);
    expect(history.map((c) => c.id)).toEqual([undo!.id, second!.id, first!.id]);

    // the other user: their own flow is untouched, and nothing of the owner's is reachable
    const intruder = { userId: other.userId, email: 'other@example.com' };
    await expect(undoFlowSettingChange(db, intruder, 'support-bot', second!.id)).rejects.toBeInstanceOf(FlowNotFoundError);
    await expect(updateFlowSettings(db, intruder, 'no-such-flow', { modelOverride: null, fallbackChain: [] })).rejects.toBeInstanceOf(FlowNotFoundError);
    expect(await listFlowSettingChanges(db, other.userId, owner.flows['support-bot'])).toEqual([]);
    expect(await getFlowSettings(db, other.userId, 'support-bot')).toEqual({ modelOverride: null, fallbackChain: [] });
  });
});
