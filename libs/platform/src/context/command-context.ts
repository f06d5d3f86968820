import type { EventMetadata, Role } from '#kernel';
import type { Temporal } from 'temporal-polyfill';
import type { RequestContext } from './request-context.js';

/** Who issues a command and why: the request's principal, or the system (reactors, scheduler). */
export interface CommandContext {
  readonly actor: string;
  readonly role: Role;
  readonly onBehalfOf?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly commandId: string;
  /** A request's command with an Idempotency-Key: events it already wrote longer ago than this are not replayed. */
  readonly replayWindowMs?: number;
  /**
   * A request's command with an Idempotency-Key: the hash of the request, written in its events' metadata. The events
   * are thereby the durable record of which request a key ran: a retry finding them with another hash is refused.
   */
  readonly requestHash?: string;
}

export function commandContextFrom(request: RequestContext, onBehalfOf?: string): CommandContext {
  if (!request.principal) throw new Error('A command from a request needs an authenticated principal');
  return {
    actor: request.principal.sub,
    role: request.principal.role,
    ...(onBehalfOf !== undefined && { onBehalfOf }),
    correlationId: request.correlationId,
    ...(request.causationId !== undefined && { causationId: request.causationId }),
    commandId: request.commandId,
    ...(request.replayWindowMs !== undefined && { replayWindowMs: request.replayWindowMs }),
    ...(request.requestHash !== undefined && { requestHash: request.requestHash }),
  };
}

/** A command the system issues in reaction to an event: correlated with it and caused by it. */
export function systemCommandContext(commandId: string, cause: { id: string; metadata: EventMetadata }): CommandContext {
  return {
    actor: 'system',
    role: 'system',
    correlationId: cause.metadata.correlationId,
    causationId: cause.id,
    commandId,
  };
}

export function buildEventMetadata(context: CommandContext, now: Temporal.Instant): EventMetadata {
  return {
    actor: context.actor,
    role: context.role,
    ...(context.onBehalfOf !== undefined && { onBehalfOf: context.onBehalfOf }),
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.commandId,
    commandId: context.commandId,
    ...(context.requestHash !== undefined && { requestHash: context.requestHash }),
    occurredAt: now.toString(),
  };
}

/**
 * A time-triggered fact written by a command that noticed it was due: the system did it; the command that
 * noticed it is its cause, and `occurredAt` is when it was recorded (its payload says when it took effect).
 */
export function systemEventMetadata(context: CommandContext, now: Temporal.Instant): EventMetadata {
  return {
    actor: 'system',
    role: 'system',
    correlationId: context.correlationId,
    causationId: context.commandId,
    commandId: context.commandId,
    ...(context.requestHash !== undefined && { requestHash: context.requestHash }),
    occurredAt: now.toString(),
  };
}
