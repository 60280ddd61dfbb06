// `npm test`: the whole suite, in the order that fails fastest.
//   1. type-check            (tsc)
//   2. vitest, embedded DB   (every unit and integration test; LLMTEST_TEST_DB=pglite)
//   3. vitest, PostgreSQL    (again, the tests that use a database; LLMTEST_TEST_DB=postgres)
//   4. production build, then the faults suite against the real server process
//      (test/faults, test/scale-out: PostgreSQL + Redis) and Playwright (Debian Chromium)
// Ends with one summary line "total: N passed, N failed". `--quick` skips 3 and 4.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const quick = process.argv.includes('--quick');
const reports = path.resolve('.test-data/reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

function countVitest(file) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numTotalTestSuites && !report.success && !report.numFailedTests ? 1 : 0);
    totals.skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    totals.failed += 1; // no report: the runner itself failed
  }
}

function countPlaywright(file) {
  try {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } catch {
    totals.failed += 1;
  }
}

/** Test files that use a database: they run a second time against PostgreSQL. */
function databaseTests(dir = 'test', found = []) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) databaseTests(file, found);
    else if (name.endsWith('.test.ts') && /helpers\/test-database/.test(readFileSync(file, 'utf8'))) found.push(file);
  }
  return found;
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);

const vitest = (name, files, env) => {
  const out = path.join(reports, `${name}.json`);
  step(name, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...files], env);
  countVitest(out);
};
vitest('vitest (embedded database)', [], { LLMTEST_TEST_DB: 'pglite' });

if (!quick) {
  vitest('vitest (PostgreSQL)', databaseTests(), { LLMTEST_TEST_DB: 'postgres' });
  if (step('build', 'npm', ['run', 'build', '--silent'])) {
    const faults = path.join(reports, 'faults.json');
    step('faults', 'npx', ['vitest', 'run', '-c', 'vitest.faults.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${faults}`]);
    countVitest(faults);
    const out = path.join(reports, 'playwright.json');
    step('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    countPlaywright(out);
  }
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
