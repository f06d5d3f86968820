import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { parse as parseCookies } from 'cookie';
import type { HttpRequest } from '../http/http-types.js';
import { ProblemError } from '../errors/problem.js';
import { markRequestPhases, timePhaseAsync } from '../http/server-timing.js';
import { IS_PUBLIC, ROLES } from './decorators.js';
import type { Principal, PrincipalRole } from './principal.js';
import { API_KEY_PREFIX, CSRF_HEADER, SESSION_COOKIE, type PrincipalSources } from './principal-sources.js';
import { InvalidTokenError, verifyToken, type TokenSettings } from './tokens.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const sameSecret = (given: string | undefined, expected: string): boolean =>
  given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** A browser write must come from this origin's own pages and carry the session's CSRF token. */
function assertSameOriginWrite(request: HttpRequest, csrfToken: string): void {
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ProblemError(403, 'CROSS_SITE_REQUEST_REFUSED', 'Not allowed', 'A cookie-authenticated write must come from this site');
  }
  if (!sameSecret(header(request, CSRF_HEADER), csrfToken)) {
    throw new ProblemError(403, 'CSRF_TOKEN_MISSING_OR_WRONG', 'Not allowed', 'Send the session\'s X-CSRF-Token with every write');
  }
}

/**
 * Global: on every non-public route a principal from a bearer credential (a signed token or an API key) or from
 * the session cookie (with CSRF protection on writes); then the route's roles, and the auditor only reads.
 */
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenSettings,
    private readonly sources?: PrincipalSources,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    markRequestPhases.routed();
    return timePhaseAsync('auth', () => this.check(context));
  }

  private async check(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = await this.authenticate(request);
    if (request.hourbank) request.hourbank.principal = principal;
    const roles = this.reflector.getAllAndOverride<PrincipalRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException(`The ${principal.role} role may not do this`);
    if (principal.role === 'auditor' && !READ_METHODS.has(request.method)) {
      throw new ForbiddenException('An auditor reads everything and changes nothing');
    }
    return true;
  }

  private async authenticate(request: HttpRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.bearer(authorization);
    const cookie = this.sources && parseCookies(header(request, 'cookie') ?? '')[SESSION_COOKIE];
    const session = cookie ? await this.sources!.fromSession(cookie) : undefined;
    if (!session) throw new UnauthorizedException('Sign in, or send a bearer token');
    if (!READ_METHODS.has(request.method)) assertSameOriginWrite(request, session.csrfToken);
    return session.principal;
  }

  private async bearer(authorization: string): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (!match?.[1]) throw new UnauthorizedException('A bearer token is required');
    if (match[1].startsWith(API_KEY_PREFIX)) {
      const principal = await this.sources?.fromApiKey(match[1]);
      if (!principal) throw new UnauthorizedException('The API key is not valid (unknown or revoked)');
      return principal;
    }
    try {
      return await verifyToken(this.tokens, match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
