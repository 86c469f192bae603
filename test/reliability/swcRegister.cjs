// Lets `node -r test/reliability/swcRegister.cjs src/main.ts` run the TypeScript sources as they are,
// compiled file by file with swc (the same transform jest uses): the real process entry, without a build.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
