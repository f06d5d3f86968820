import { ForbiddenException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http-types.js';
import { IS_PUBLIC, ROLES } from './decorators.js';
import type { PrincipalRole } from './principal.js';
import { InvalidTokenError, verifyToken, type TokenSettings } from './tokens.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Global: a valid bearer token on every non-public route, the route's roles, and the auditor only reads. */
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
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

  private async authenticate(request: HttpRequest) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new UnauthorizedException('A bearer token is required');
    try {
      return await verifyToken(this.tokens, match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
