import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`) restarts PostgreSQL, kills the Kafka broker
// and loads the machine: its files run one at a time, never beside other tests. Transform settings
// as in vitest.config.mts (not merged: mergeConfig would concatenate its exclude list, which
// excludes this very folder).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [
    swc.vite({
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    }),
  ],
  test: {
    globals: true,
    include: ['test/reliability/**/*.spec.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // A spec file's order is part of the scenario (load, then faults), and files run alone.
    sequence: { concurrent: false },
  },
});
