// Standalone fake providers for other processes (Playwright, benchmarks):
//   node --import tsx test/fake-providers/cli.ts --port 4010
// Prints {"baseUrl":…,"env":{…}} as one JSON line on stdout, then serves until SIGINT/SIGTERM.
// Control it over HTTP: POST /__fake/rules, GET /__fake/requests, POST /__fake/reset,
// POST|GET /__fake/config.
import { parseArgs } from 'node:util';
import { startFakeProviders } from './fake-providers';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0) throw new Error(`invalid --port ${values.port}`);
  const fake = await startFakeProviders({ port });
  process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl, env: fake.env })}\n`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake providers failed to start: ${String(error)}\n`);
  process.exit(1);
});
