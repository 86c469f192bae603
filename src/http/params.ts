import type { Request } from 'restify';

/** A route parameter as text (restify types `req.params` as `any`); anything else is ''. */
export const routeParam = (req: Request, name: string): string => {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};
