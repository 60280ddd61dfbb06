import { defineConfig } from 'vitest/config';

// `npm run test:faults`: fault injection against the real app process (server.ts, production
// build) on fresh PostgreSQL databases, and the two-instance scale-out test (PostgreSQL + Redis).
// Files are *.faults.ts so the default `vitest run` (no build, no app process) skips them.
// One file at a time: each starts app processes and loads them; two cores are shared.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts', 'test/scale-out/**/*.faults.ts'],
    testTimeout: 60_000,
    // Starting an app waits for a production build another `next build` may be rewriting (dev machines).
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
