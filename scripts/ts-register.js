// Minimal require hook so repo scripts written in TypeScript run under plain Node 20 without ts-node:
//   node -r ./scripts/ts-register.js scripts/<name>.ts
// Type checking stays with `tsc --noEmit`; this only transpiles and resolves the @mw/* aliases.
'use strict';
const fs = require('node:fs');
const ts = require('typescript');
require('tsconfig-paths/register');

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
