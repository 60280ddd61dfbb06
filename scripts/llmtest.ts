// The operator's CLI: `npm run --silent llmtest -- <command>`. Talks to the running server over its
// admin socket when there is one (required when the server owns the embedded database), else
// opens the database itself.
import { parseArgs } from 'node:util';
import { runAdminCommand, type AdminRequest, type AdminResult } from '../lib/admin/admin-commands';
import { sendAdminCommand } from '../lib/admin/admin-socket';
import { closeDb, databaseKind, getDb } from '../lib/db/client';
import { dataDir } from '../lib/db/data-dir';
import { DatabaseLockedError, lockEmbeddedDatabase } from '../lib/db/embedded-lock';
import { applyMigrations } from '../lib/db/migrate';

const USAGE = `Usage: npm run --silent llmtest -- <command>

  user create --email E --password P [--name N]   create a user who can sign in
  key create --email E [--name N]                 create an API key; prints it alone on the last line
  key revoke --prefix llmt_ab12cd34               revoke by the prefix shown in the keys list, or the whole key
  migrate                                         apply pending database migrations and exit
  billing setup                                   find or create the Stripe product, meter and price (STRIPE_SECRET_KEY)
  secrets rotate                                  re-encrypt stored secrets under LLMTEST_SECRET (old one in LLMTEST_SECRET_PREVIOUS)
`;

class UsageError extends Error {}

function parseCommand(argv: string[]): AdminRequest {
  const [group, action, ...rest] = argv;
  const spec = (options: Record<string, { type: 'string' }>, required: string[]) => {
    const { values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
    if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    for (const name of required)
      if (typeof values[name] !== 'string' || !values[name]) throw new UsageError(`Missing --${name}.`);
    return values as Record<string, string | undefined>;
  };
  const command = [group, action].filter(Boolean).join(' ');
  try {
    switch (command) {
      case 'user create': {
        const v = spec({ email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, ['email', 'password']);
        return { command: 'user.create', email: v.email!, password: v.password!, name: v.name };
      }
      case 'key create': {
        const v = spec({ email: { type: 'string' }, name: { type: 'string' } }, ['email']);
        return { command: 'key.create', email: v.email!, name: v.name };
      }
      case 'key revoke': {
        const v = spec({ prefix: { type: 'string' } }, ['prefix']);
        return { command: 'key.revoke', prefix: v.prefix! };
      }
      case 'billing setup':
        spec({}, []);
        return { command: 'billing.setup' };
      case 'secrets rotate':
        spec({}, []);
        return { command: 'secrets.rotate' };
      case 'migrate':
        if (action) throw new UsageError(`Unexpected argument: ${action}`);
        return { command: 'migrate' };
      default:
        throw new UsageError(command ? `Unknown command: ${command}` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs' own errors (unknown flag, missing value) are usage errors too.
    throw new UsageError((error as Error).message);
  }
}

async function runDirect(request: AdminRequest): Promise<AdminResult> {
  if (databaseKind() === 'pglite') lockEmbeddedDatabase(dataDir());
  try {
    return await runAdminCommand(request, {
      db: async () => {
        await applyMigrations();
        return getDb();
      },
      migrate: () => applyMigrations(),
    });
  } finally {
    await closeDb();
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (!argv.length || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(USAGE);
    return argv.length ? 0 : 2;
  }
  let request: AdminRequest;
  try {
    request = parseCommand(argv);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let result = await sendAdminCommand(dataDir(), request);
  if (!result) {
    try {
      result = await runDirect(request);
    } catch (error) {
      if (error instanceof DatabaseLockedError)
        result = { ok: false, error: `${error.message} Its admin socket does not answer; stop it or wait for it to start.` };
      else throw error;
    }
  }
  if (!result.ok) {
    process.stderr.write(`error: ${result.error}\n`);
    return 1;
  }
  process.stdout.write(result.lines.join('\n') + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`error: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
