import type { AllStreamResolvedEvent, JSONEventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '#kernel';
import { UndecodableEvent } from '../undecodable-event.js';
import { NO_POSITION, positionToNumber, toSafeNumber } from './conversions.js';
import { isSystemEvent } from './filters.js';

/** Data and metadata travel as JSON, so the server's projections and UI can read them too. */
export function toEventData(event: NewEvent): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata as unknown as JSONType,
  };
}

type Resolved = ResolvedEvent | AllStreamResolvedEvent;
type Recorded = NonNullable<Resolved['event']>;

/** The recorded event, or undefined for what the port never shows: system streams and types, bare links. */
export function toRecordedEvent(resolved: Resolved): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined) return undefined;
  const stream = event.streamId;
  if (isSystemEvent({ stream, type: event.type })) return undefined;
  const revision = toSafeNumber(event.revision, 'revision');
  const position = globalPosition(resolved, event.id);
  const recordedAt = event.created.toISOString();
  const problem = undecodable(event);
  if (problem !== undefined) return new UndecodableEvent(event.id, event.type, stream, revision, position, recordedAt, problem);
  return { id: event.id, type: event.type, data: event.data, metadata: (event.metadata ?? {}) as EventMetadata, stream, revision, position, recordedAt };
}

/** Another writer may put in a user stream what Hour Bank never writes; the client hands malformed JSON back as a string. */
function undecodable(event: Recorded): string | undefined {
  if (!event.isJson) return 'its content type is not application/json';
  if (typeof event.data === 'string') return 'its data is not a JSON object (malformed JSON)';
  if (event.metadata instanceof Uint8Array) return 'its metadata is not JSON';
  return undefined;
}

/** The position of any record of $all, system records included (where the port's own events are not). */
export function recordPosition(resolved: Resolved): number | undefined {
  const position = resolved.event?.position;
  if (position !== undefined && position.commit !== NO_POSITION) return positionToNumber(position);
  return resolved.commitPosition === undefined ? undefined : toSafeNumber(resolved.commitPosition, 'commit position');
}

function globalPosition(resolved: Resolved, id: string): number {
  // Servers before 22.6 leave the position out of stream reads, or send NO_POSITION.
  const position = recordPosition(resolved);
  if (position === undefined) throw new Error(`Event ${id} came without a global position: EventStoreDB 22.6 or later is required`);
  return position;
}
