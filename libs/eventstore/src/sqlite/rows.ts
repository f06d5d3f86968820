import type { RecordedEvent } from '#kernel';
import type { EventRow } from './schema.js';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    stream: row[2],
    revision: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    recordedAt: row[7],
  };
}
