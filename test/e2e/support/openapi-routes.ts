import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HttpClient } from './http-client.js';

export interface Route {
  readonly method: string;
  /** OpenAPI spelling: `/tickets/{id}`. */
  readonly path: string;
  readonly key: string;
}

export interface DocumentedOperation extends Route {
  readonly responses: Record<string, { content?: Record<string, unknown> }>;
}

interface RouterLayer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

/** Swagger UI's own pages and files: served by the documentation, not part of it. */
const isDocumentationRoute = (path: string) => path === '/docs' || path.startsWith('/docs/') || path === '/docs-yaml';

const route = (method: string, path: string): Route => ({ method, path, key: `${method} ${path}` });

/** Every method and path the running app's router answers (Express `:id` written as OpenAPI `{id}`). */
export function appRoutes(app: NestExpressApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] }; _router?: { stack: RouterLayer[] } };
  const layers = (express.router ?? express._router)?.stack ?? [];
  return layers.flatMap(({ route: r }) => (r && !isDocumentationRoute(r.path)
    ? Object.keys(r.methods).filter((m) => r.methods[m]).map((m) => route(m, r.path.replace(/:(\w+)/g, '{$1}')))
    : []));
}

export function documentedOperations(document: { paths: Record<string, Record<string, { responses?: DocumentedOperation['responses'] }>> }): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({ ...route(method, path), responses: op.responses ?? {} })));
}

/** Calls the route without a token (path parameters filled with a dummy): a guarded route answers 401 first. */
export async function requiresToken(anonymous: HttpClient, operation: Route): Promise<boolean> {
  const path = operation.path.replace(/\{\w+\}/g, 'x');
  const controller = new AbortController();
  const result = await fetch(anonymous.baseUrl + path, { method: operation.method.toUpperCase(), signal: controller.signal });
  controller.abort();
  return result.status === 401;
}
