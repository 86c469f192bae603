import { type RouteId, ROUTE_LABELS } from './case';
import { CRISIS_ACTION, WITHDRAW_ACTION } from './routes/common';
import { FIRST_STATE, routeSteps } from './steps';

const quote = (text: string): string => text.replace(/"/g, "'");

/** Mermaid `stateDiagram-v2` text for one route, generated from the step registry. */
export const routeDiagram = (route: RouteId): string => {
  const steps = routeSteps(route);
  const lines = ['stateDiagram-v2'];
  for (const s of steps) lines.push(`  state "${quote(s.label)}" as ${s.id}`);
  lines.push(`  [*] --> ${FIRST_STATE[route]}`);
  for (const s of steps) {
    for (const a of s.actions) {
      if (a === CRISIS_ACTION || a === WITHDRAW_ACTION) continue;
      for (const t of a.targets) lines.push(`  ${s.id} --> ${t}: ${a.verb}`);
    }
  }
  const open = steps.filter((s) => s.actions.includes(CRISIS_ACTION)).map((s) => s.id);
  for (const id of open) lines.push(`  ${id} --> crisis: ${CRISIS_ACTION.verb}`);
  for (const id of open) lines.push(`  ${id} --> ingetrokken: ${WITHDRAW_ACTION.verb}`);
  for (const s of steps) if (s.terminal) lines.push(`  ${s.id} --> [*]`);
  return `${lines.join('\n')}\n`;
};

/** The full `docs/routes.md`: both route diagrams, generated; never edit the file by hand. */
export const routesMarkdown = (): string =>
  [
    '# Routes',
    '',
    '<!-- Gegenereerd uit src/domain door scripts/write-diagrams.ts (npm run diagrams); niet met de hand bewerken. -->',
    '',
    ...(['zorgkantoor', 'bijstellen'] as const).flatMap((r) => [
      `## ${ROUTE_LABELS[r]}`,
      '',
      '```mermaid',
      routeDiagram(r).trimEnd(),
      '```',
      '',
    ]),
  ].join('\n');
