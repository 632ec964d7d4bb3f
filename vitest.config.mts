import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// NestJS 12 ships as ESM, which Jest's CommonJS runtime cannot load; Vitest can. SWC replaces the
// default transformer because Nest's dependency injection needs emitDecoratorMetadata.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [
    swc.vite({
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    }),
  ],
  test: {
    globals: true,
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.spec.ts'],
    exclude: ['test/reliability/**', 'node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
