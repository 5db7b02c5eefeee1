import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/package-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Playbook runs install the sandbox into the process-wide client factory: one file at a time per worker.
    fileParallelism: true,
    pool: 'forks',
    // Both cores of the CI machine (vitest's default leaves one idle); every file keeps its own sandbox and out/.
    maxWorkers: 2,
  },
});
