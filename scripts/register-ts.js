/*
 * Minimal TypeScript require hook (transpile only) plus tsconfig path aliases, so scripts and the
 * training worker threads run with no ts-node installed: `node -r ./scripts/register-ts.js x.ts`.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
tsconfigPaths.register({ baseUrl: root, paths: compilerOptions.paths });

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  module._compile(out.outputText, filename);
};
