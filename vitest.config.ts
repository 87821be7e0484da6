import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20000,
    hookTimeout: 60000,
    // Integration and browser tests start real daemons on ephemeral ports;
    // two cores here, so keep file-level parallelism modest.
    maxWorkers: 2,
  },
});
