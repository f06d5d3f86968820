import type { AllStreamResolvedEvent, JSONEventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '#kernel';
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

/** The recorded event, or undefined for what the port never shows: system streams and types, bare links. */
export function toRecordedEvent(resolved: Resolved): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined) return undefined;
  const stream = event.streamId;
  if (isSystemEvent({ stream, type: event.type })) return undefined;
  if (!event.isJson) throw new Error(`Event ${event.id} in ${stream} is not JSON; Hour Bank writes only JSON events`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: (event.metadata ?? {}) as EventMetadata,
    stream,
    revision: toSafeNumber(event.revision, 'revision'),
    position: globalPosition(resolved, event.id),
    recordedAt: event.created.toISOString(),
  };
}

function globalPosition(resolved: Resolved, id: string): number {
  // Servers before 22.6 leave the position out of stream reads, or send NO_POSITION.
  const position = resolved.event?.position;
  if (position !== undefined && position.commit !== NO_POSITION) return positionToNumber(position);
  if (resolved.commitPosition !== undefined) return toSafeNumber(resolved.commitPosition, 'commit position');
  throw new Error(`Event ${id} came without a global position: EventStoreDB 22.6 or later is required`);
}
