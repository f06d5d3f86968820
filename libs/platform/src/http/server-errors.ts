import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from '../errors/problem.js';

/** Node's parser errors (llhttp codes, and its own timeouts) as the status and code a client gets. */
const PARSER_REFUSALS: Readonly<Record<string, readonly [status: number, code: string, detail: string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'The request line and headers exceed the server limit'],
  HPE_INVALID_METHOD: [501, 'METHOD_NOT_IMPLEMENTED', 'The method is not one this server knows'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive'],
  HPE_HEADERS_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The headers took too long to arrive'],
};

const problemFor = (code: string | undefined): ProblemDetails => {
  const [status, problemCode, detail] = PARSER_REFUSALS[code ?? ''] ?? [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1'];
  return { type: problemType(problemCode), title: STATUS_CODES[status] ?? 'Bad request', status, code: problemCode, detail, correlationId: randomUUID() };
};

/** Answers on the raw socket, then closes it: the parser cannot go on reading this connection. */
function answerOnSocket(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const problem = problemFor(error.code);
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Correlation-Id: ${problem.correlationId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Without these listeners Node answers a request it cannot parse (431, an unknown method, a broken header), and
 * an Expect it does not meet (417), with an empty body. With them, every such answer is Problem Details too.
 */
export function answerServerErrorsWithProblems(server: Server): void {
  server.on('clientError', answerOnSocket);
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const expectation = String(request.headers.expect ?? '').slice(0, 100);
    const problem: ProblemDetails = {
      type: problemType('EXPECTATION_FAILED'), title: STATUS_CODES[417]!, status: 417, code: 'EXPECTATION_FAILED',
      detail: `Expect: ${expectation} is not supported (only 100-continue is)`, instance: request.url ?? '/', correlationId: randomUUID(),
    };
    const body = JSON.stringify(problem);
    response.writeHead(417, {
      'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, 'content-length': Buffer.byteLength(body),
      'x-correlation-id': problem.correlationId, 'x-content-type-options': 'nosniff', connection: 'close',
    });
    response.end(body);
  });
}
