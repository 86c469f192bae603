/** Layer rules (docs/architectuur.md): dependencies point inwards, frameworks stay at the edges, no cycles. */
module.exports = {
  forbidden: [
    { name: 'geen-cycli', severity: 'error', comment: 'Geen kringen, ook niet via type-imports.', from: {}, to: { circular: true } },
    {
      name: 'domein-is-puur',
      severity: 'error',
      comment: 'src/domain importeert alleen zichzelf en zod, geen Node-modules.',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/zod/'] },
    },
    {
      name: 'app-zonder-framework',
      severity: 'error',
      comment: 'src/app importeert alleen het domein, zod, lru-cache en Node-modules: geen framework, SDK of opslag.',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/(app|domain)/', '^node_modules/(zod|lru-cache)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'botbuilder-alleen-in-bot',
      severity: 'error',
      comment: 'Alleen src/bot importeert botbuilder (runtime); type-imports mogen (de HTTP-rand geeft de adapter als type door).',
      from: { path: '^src/', pathNot: '^src/bot/' },
      to: { path: '^node_modules/(botbuilder|botframework)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'templating-alleen-in-cards',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cards/' },
      to: { path: '^node_modules/adaptivecards-templating/' },
    },
    {
      name: 'azure-sdk-alleen-in-storage',
      severity: 'error',
      comment: 'Alleen src/storage gebruikt de Azure SDK (tabellen, identiteit); src/telemetry alleen Azure Monitor en de logger ervan.',
      from: { path: '^src/', pathNot: '^src/(storage|telemetry)/' },
      to: { path: '^node_modules/@azure/' },
    },
    {
      name: 'azure-in-telemetrie-alleen-monitor',
      severity: 'error',
      from: { path: '^src/telemetry/' },
      to: { path: '^node_modules/@azure/', pathNot: '^node_modules/@azure/(monitor-opentelemetry|logger)/' },
    },
    {
      name: 'telemetrie-alleen-in-telemetry',
      severity: 'error',
      comment: 'Alleen src/telemetry gebruikt OpenTelemetry, Azure Monitor en pino; de rest ziet de poorten Logger en Metrics.',
      from: { path: '^src/', pathNot: '^src/telemetry/' },
      to: { path: '^node_modules/(@opentelemetry/|@azure/monitor-opentelemetry/|pino/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage)/' },
  },
};
