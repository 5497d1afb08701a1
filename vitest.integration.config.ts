import { defineConfig } from 'vitest/config';

// Real servers (test/integration/run.sh starts them); one file at a time: they share state.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
