/** A fact decided by the domain: a past-tense name and a JSON-safe payload (instants as ISO-8601 UTC strings). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** `anonymous`: someone not signed in yet (a sign-in attempt, an invitation being accepted). */
export type Role = 'client' | 'agent' | 'manager' | 'auditor' | 'system' | 'anonymous';

/** Who did it, on whose behalf, why and when: recorded with every event. */
export interface EventMetadata {
  readonly actor: string;
  readonly role?: Role;
  readonly onBehalfOf?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly commandId?: string;
  readonly occurredAt: string;
  readonly [key: string]: unknown;
}

/** An event about to be appended: its id makes the append idempotent. `type` is the stored, versioned name. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as the store recorded it. Revision is 0-based within its stream; position is global, increasing. */
export interface RecordedEvent extends NewEvent {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
}
