import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

const filesIn = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesIn(p) : p.endsWith('.ts') ? [p] : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

const layerOf = (file: string): string => relative(SRC, file).split('/')[0] ?? '';

describe('afhankelijkheden wijzen naar binnen (DESIGN.md)', () => {
  it('src/domain importeert niets buiten zichzelf en zod, en geen Node-modules', () => {
    const bad = filesIn(join(SRC, 'domain')).flatMap((f) =>
      importsOf(f)
        .filter((i) => !(i.startsWith('.') && !i.startsWith('../..')) && i !== 'zod')
        .map((i) => `${relative(SRC, f)} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/app importeert alleen de domeinlaag, zod, lru-cache (een hulpbibliotheek) en Node-modules: geen framework, SDK of opslag', () => {
    const bad = filesIn(join(SRC, 'app')).flatMap((f) =>
      importsOf(f)
        .filter((i) => !(i.startsWith('./') || i.startsWith('../domain') || i === 'zod' || i === 'lru-cache' || i.startsWith('node:')))
        .map((i) => `${relative(SRC, f)} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('alleen src/bot importeert botbuilder (een latere overstap is één map)', () => {
    const bad = filesIn(SRC)
      .filter((f) => layerOf(f) !== 'bot')
      .flatMap((f) => importsOf(f).filter((i) => /^botbuilder|^botframework/.test(i)).map((i) => `${relative(SRC, f)} → ${i}`));
    // Type-only imports are erased at build time; the HTTP edge hands the adapter through as a type.
    const runtime = bad.filter((line) => {
      const [file] = line.split(' → ');
      const text = readFileSync(join(SRC, file ?? ''), 'utf8');
      return new RegExp(`^import (?!type)[^;]*from ['"]${line.split(' → ')[1]}['"]`, 'm').test(text);
    });
    expect(runtime).toEqual([]);
  });

  it('alleen src/cards gebruikt adaptivecards-templating, alleen src/storage gebruikt @azure/data-tables', () => {
    const bad = filesIn(SRC).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            (i === 'adaptivecards-templating' && layerOf(f) !== 'cards') ||
            (i.startsWith('@azure/') && layerOf(f) !== 'storage' && !(['@azure/monitor-opentelemetry', '@azure/logger'].includes(i) && layerOf(f) === 'telemetry')),
        )
        .map((i) => `${relative(SRC, f)} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('alleen src/telemetry gebruikt OpenTelemetry, Azure Monitor en pino (de rest ziet de poorten Logger en Metrics)', () => {
    const bad = filesIn(SRC).flatMap((f) =>
      importsOf(f)
        .filter((i) => (/^@opentelemetry\//.test(i) || i === '@azure/monitor-opentelemetry' || i === 'pino') && layerOf(f) !== 'telemetry')
        .map((i) => `${relative(SRC, f)} → ${i}`),
    );
    expect(bad).toEqual([]);
  });
});
