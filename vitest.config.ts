import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{metamodel,rules,packs,platform,scripts,runtime,studio}/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
