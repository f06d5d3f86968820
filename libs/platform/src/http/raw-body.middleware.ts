import { ProblemError } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

/** A route whose body is a file, not JSON (an attachment upload): read as bytes, bounded. */
export interface RawBodyRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly limitBytes: number;
}

const RAW = Symbol.for('hourbank.rawBody');

export const isRawBodyRequest = (request: HttpRequest): boolean => (request as unknown as Record<symbol, unknown>)[RAW] === true;

const pathOf = (request: HttpRequest) => (request.originalUrl ?? request.url ?? '').split('?')[0]!;

/**
 * Reads the body of the routes given into a Buffer (`request.body`), refusing one over the route's limit with 413 as
 * soon as it is exceeded; the JSON guards then leave these requests alone.
 */
export const rawBodyMiddleware = (routes: readonly RawBodyRoute[]) => (request: HttpRequest, _response: HttpResponse, next: Next) => {
  const route = routes.find((candidate) => candidate.method === request.method && candidate.path.test(pathOf(request)));
  if (!route) return next();
  (request as unknown as Record<symbol, unknown>)[RAW] = true;
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = () => new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large', `The file must not exceed ${route.limitBytes} bytes`);
  if (declared > route.limitBytes) return next(tooLarge());
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (error?: unknown) => {
    if (done) return;
    done = true;
    if (!error) (request as unknown as { body: Buffer }).body = Buffer.concat(chunks);
    next(error);
  };
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > route.limitBytes) {
      request.pause();
      return finish(tooLarge());
    }
    chunks.push(chunk);
  });
  request.on('end', () => finish());
  request.on('error', (error) => finish(error));
};
