import type { EventMetadata, RecordedEvent } from '#kernel';
import { JSON_SCHEMA_DIALECT, instant, object, oneOfValues, text, type JsonSchema } from './json-schema.js';

/** Who did it and why, as downstream sees it: the command id and any other internal key stay inside. */
export interface PublicMetadata {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: string;
  readonly role?: string;
  readonly onBehalfOf?: string;
  readonly occurredAt: string;
}

/** One published event: the store's envelope around the public projection of its payload. */
export interface PublicEvent {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly metadata: PublicMetadata;
  readonly data: Readonly<Record<string, unknown>>;
}

export const publicMetadata = (metadata: EventMetadata): PublicMetadata => ({
  correlationId: metadata.correlationId,
  ...(metadata.causationId !== undefined && { causationId: metadata.causationId }),
  actor: metadata.actor,
  ...(metadata.role !== undefined && { role: metadata.role }),
  ...(metadata.onBehalfOf !== undefined && { onBehalfOf: metadata.onBehalfOf }),
  occurredAt: metadata.occurredAt,
});

export const publicEnvelope = (recorded: RecordedEvent, data: Record<string, unknown>): PublicEvent => ({
  id: recorded.id,
  type: recorded.type,
  stream: recorded.stream,
  revision: recorded.revision,
  position: recorded.position,
  recordedAt: recorded.recordedAt,
  metadata: publicMetadata(recorded.metadata),
  data,
});

export const metadataSchema: JsonSchema = object(
  {
    correlationId: text('Shared by every event one request or process caused'),
    causationId: text('The id of the request or event that caused this one'),
    actor: text('Who did it: the caller subject, or "system" for scheduled work'),
    role: oneOfValues(['client', 'agent', 'manager', 'auditor', 'system']),
    onBehalfOf: text('The client a manager acted for'),
    occurredAt: instant('When the decision was taken (business time, may be a test-clock instant)'),
  },
  ['causationId', 'role', 'onBehalfOf'],
);

/** The full schema of one published event type: envelope fields plus its payload schema. */
export function envelopeSchema(type: string, title: string, description: string, data: JsonSchema): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:hour-bank:event:${type}`,
    title,
    description,
    ...object({
      id: text('Event id, unique in the whole log: the de-duplication key'),
      type: { const: type },
      stream: text('`<category>-<id>`, e.g. ticket-…, account-…'),
      revision: { type: 'integer', minimum: 0, description: '0-based revision within the stream' },
      position: { type: 'integer', minimum: 0, description: 'Global position: increasing, the feed cursor' },
      recordedAt: instant('When the store recorded the event'),
      metadata: metadataSchema,
      data,
    }),
  };
}
