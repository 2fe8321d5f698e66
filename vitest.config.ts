import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Lists the tests skipped for a missing peer (only ever with SIGNET_SKIP_PEERS=1).
    globalSetup: ['src/main/testing/peer-summary.ts'],
  },
});
