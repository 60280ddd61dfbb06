// Fails when prisma/schema.prisma and prisma/migrations disagree: run `npm run db:migration -- --name x`.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchemaDrift, createMigration, defaultMigrationsDir, defaultSchemaPath } from '../../lib/db/migrate';

describe('schema drift', () => {
  it('prisma/migrations produce exactly prisma/schema.prisma', async () => {
    const started = performance.now();
    const missing = await checkSchemaDrift();
    console.log(`[timing] checkSchemaDrift: ${Math.round(performance.now() - started)} ms`);
    expect(
      missing,
      `prisma/schema.prisma has changes without a migration; run \`npm run db:migration -- --name <name>\`. Missing SQL:\n${missing}`,
    ).toBeNull();
  });
});

describe('createMigration', () => {
  let work = '';
  let migrationsDir = '';
  let schemaPath = '';
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'llmtest-create-migration-'));
    migrationsDir = path.join(work, 'migrations');
    schemaPath = path.join(work, 'schema.prisma');
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    writeFileSync(schemaPath, readFileSync(defaultSchemaPath(), 'utf8'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes nothing when the schema matches', async () => {
    const before = readdirSync(migrationsDir).sort();
    expect(await createMigration('nothing', { migrationsDir, schemaPath })).toBeNull();
    expect(readdirSync(migrationsDir).sort()).toEqual(before);
  });

  it('writes the next migration, sorted last, after which there is no drift', async () => {
    writeFileSync(schemaPath, `${readFileSync(schemaPath, 'utf8')}\nmodel DriftProbe {\n  id   Int    @id\n  note String?\n}\n`);
    expect(await checkSchemaDrift({ migrationsDir, schemaPath })).toMatch(/CREATE TABLE "DriftProbe"/);

    const before = readdirSync(migrationsDir).filter((n) => n !== 'migration_lock.toml').sort();
    // a clock behind the last migration still yields a directory sorted last
    const created = await createMigration('Add drift-probe', { migrationsDir, schemaPath, now: new Date('2000-01-01T00:00:00Z') });
    expect(created).not.toBeNull();
    expect(created!.name).toMatch(/^\d{14}_add_drift_probe$/);
    expect(created!.name > before.at(-1)!).toBe(true);
    expect(readFileSync(path.join(migrationsDir, created!.name, 'migration.sql'), 'utf8')).toBe(created!.sql);
    expect(created!.sql).toMatch(/CREATE TABLE "DriftProbe"/);
    expect(await checkSchemaDrift({ migrationsDir, schemaPath })).toBeNull();
  });

  it('rejects an empty name', async () => {
    await expect(createMigration('  --  ', { migrationsDir, schemaPath })).rejects.toThrow(/Invalid migration name/);
  });
});
