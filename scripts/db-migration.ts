// Creates the next migration from prisma/schema.prisma, offline (Prisma's wasm schema engine and
// an in-memory PGlite as the shadow database).
//   npm run db:migration -- --name add_flows     (node --import tsx scripts/db-migration.ts --name x)
import { parseArgs } from 'node:util';
import { createMigration } from '../lib/db/migrate';

async function main(): Promise<number> {
  let name: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      options: { name: { type: 'string', short: 'n' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log('Usage: npm run db:migration -- --name <migration_name>');
      return 0;
    }
    name = values.name ?? positionals[0];
  } catch (error) {
    console.error(`db:migration: ${(error as Error).message}`);
    return 2;
  }
  if (!name) {
    console.error('db:migration: missing --name (usage: npm run db:migration -- --name <migration_name>)');
    return 2;
  }
  const started = Date.now();
  const created = await createMigration(name);
  if (!created) {
    console.log('No schema changes: prisma/schema.prisma matches prisma/migrations.');
    return 0;
  }
  console.log(`Created prisma/migrations/${created.name}/migration.sql (${Date.now() - started} ms)`);
  return 0;
}

main().then(
  // The wasm engine and PGlite can hold the event loop for seconds: exit explicitly.
  (code) => process.exit(code),
  (error) => {
    console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
