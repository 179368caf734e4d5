import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,api,collab-server,worker,client}/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
