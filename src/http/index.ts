export { createHttpServer, listen, type HttpDeps, type RunningHttp } from './server';
