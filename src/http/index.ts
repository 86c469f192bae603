export { createHttpServer, listen, type HttpDeps, type RunningHttp } from './server';
export { tabRoutes, type TabOptions, type TabRoutes } from './tab';
export type { LegalFacts } from './legal';
