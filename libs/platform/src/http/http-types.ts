import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../context/request-context.js';

/** The parts of Express's request and response the platform uses (no @types/express here). */
export interface HttpRequest extends IncomingMessage {
  method: string;
  originalUrl: string;
  path: string;
  ip?: string;
  body?: unknown;
  /** Set by Express once a route matched: its template (`/tickets/:id`). */
  route?: { readonly path: string };
  hourbank?: RequestContext;
}

export interface HttpResponse extends ServerResponse {
  status(code: number): HttpResponse;
}
