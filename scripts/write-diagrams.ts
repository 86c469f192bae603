import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { routesMarkdown } from '../src/domain';

const root = resolve(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../..' : '..');
const target = join(root, 'docs', 'routes.md');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(target, routesMarkdown());
process.stdout.write(`${target} geschreven\n`);
