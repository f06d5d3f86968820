import type { Role } from '#kernel';
import type { CommandContext, RequestContext } from '#platform';

/** Who acts when nobody is signed in yet: the person the request is about (accepting an invitation, signing in). */
export const personContext = (request: RequestContext, actor: string, role: Role): CommandContext => ({
  actor,
  role,
  correlationId: request.correlationId,
  ...(request.causationId !== undefined && { causationId: request.causationId }),
  commandId: request.commandId,
});

/** Where a sign-in came from, as the audit trail keeps it. */
export interface ClientInfo {
  readonly ip?: string;
  readonly userAgent?: string;
}

/** The facts about accounts the identity context needs, answered by the host from the hour-bank streams. */
export interface IdentityAccounts {
  exists(accountId: string): Promise<boolean>;
}

export const IDENTITY_ACCOUNTS = Symbol.for('hourbank.IdentityAccounts');
