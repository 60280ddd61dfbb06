import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (lib/**/x.test.ts); tests needing a database or the running
// app live under test/. LLMTEST_TEST_DB=pglite|postgres picks the database for the latter.
export default defineConfig({
  // Next's "@/…" import alias (tsconfig paths), so tests can import pages and server actions.
  resolve: { alias: [{ find: /^@\//, replacement: `${fileURLToPath(new URL('.', import.meta.url))}` }] },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', 'bench/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
