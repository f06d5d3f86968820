import type { EventMetadata, RecordedEvent } from '#kernel';
import type { EventRow } from './schema.js';

/**
 * A row of the log as a RecordedEvent. `metadata` is parsed when first read: most consumers never read it, and
 * parsing it costs as much as parsing `data`. It is an accessor, so copy an event field by field (or through
 * `toJSON`), never with an object spread.
 */
class StoredEvent implements RecordedEvent {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: string;
  readonly #metadataJson: string;
  #metadata: EventMetadata | undefined;

  constructor(row: EventRow) {
    this.position = row[0];
    this.id = row[1];
    this.stream = row[2];
    this.revision = row[3];
    this.type = row[4];
    this.data = JSON.parse(row[5]) as unknown;
    this.recordedAt = row[7];
    this.#metadataJson = row[6];
  }

  get metadata(): EventMetadata {
    return (this.#metadata ??= JSON.parse(this.#metadataJson) as EventMetadata);
  }

  toJSON(): RecordedEvent {
    const { position, id, stream, revision, type, data, metadata, recordedAt } = this;
    return { position, id, stream, revision, type, data, metadata, recordedAt };
  }
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => new StoredEvent(row);
