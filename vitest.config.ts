import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the CLI tests lint real corpora; keep them from timing out on a loaded 2-core machine
    testTimeout: 60_000,
  },
});
