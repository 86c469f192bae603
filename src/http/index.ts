export { createHttpServer, listen, type HttpDeps, type RunningHttp } from './server';
export { registerTabRoutes, tabRoutes, TAB_SCOPE, type TabOptions, type TabRoutes } from './tab';
export { aboutPage, privacyPage, termsPage, type LegalFacts } from './legal';
