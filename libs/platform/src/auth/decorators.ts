import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { HttpRequest } from '../http/http-types.js';
import type { RequestContext } from '../context/request-context.js';
import type { Principal, PrincipalRole } from './principal.js';

export const IS_PUBLIC = 'hourbank:isPublic';
export const ROLES = 'hourbank:roles';

/** Marks a public operation in the OpenAPI document; setupOpenApi turns it into `security: []`. */
export const PUBLIC_EXTENSION = 'x-hourbank-public';

/** Routes are private by default; this one needs no token. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the route (the auditor's read-only rule applies as well). */
export const Roles = (...roles: PrincipalRole[]) => SetMetadata(ROLES, roles);

const requestContextOf = (context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  if (!request.hourbank) throw new Error('No request context: is the platform middleware installed?');
  return request.hourbank;
};

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestContextOf(context).principal;
  if (!principal) throw new Error('@CurrentPrincipal() used on a public route');
  return principal;
});

/** The request's correlation, causation and command ids plus the principal, for the command pipeline. */
export const CurrentRequestContext = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context),
);
