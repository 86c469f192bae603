import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

const REPO = join(__dirname, '..', '..');

const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });

/**
 * src/ compiled to CommonJS with swc (about a second; `tsc` takes half a minute here) for tests that
 * run the app as its own `node` process, as in production: telemetry patches `node:http` through
 * Node's module loader, which jest's loader bypasses. Returns the path of `src/main.js`.
 */
export const buildForChild = (name: string): string => {
  const out = join(REPO, '.tmp', `child-${name}-${process.pid}`);
  for (const file of tsFiles(join(REPO, 'src'))) {
    const target = join(out, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    const { code } = transformFileSync(file, {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: false,
      swcrc: false,
    });
    writeFileSync(target, code);
  }
  cpSync(join(REPO, 'src', 'tab', 'public'), join(out, 'src', 'tab', 'public'), { recursive: true });
  return join(out, 'src', 'main.js');
};
