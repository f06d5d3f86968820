import type { EventMetadata, RecordedEvent } from '#kernel';
import { UndecodableEventError } from '../errors.js';
import { UndecodableEvent } from '../undecodable-event.js';
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
    try {
      return (this.#metadata ??= JSON.parse(this.#metadataJson) as EventMetadata);
    } catch {
      throw new UndecodableEventError(this.id, this.stream, 'its metadata is not JSON');
    }
  }

  toJSON(): RecordedEvent {
    const { position, id, stream, revision, type, data, metadata, recordedAt } = this;
    return { position, id, stream, revision, type, data, metadata, recordedAt };
  }
}

/** A row whose data is not JSON (written around the store) becomes a per-event failure, not a failed read. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  try {
    return new StoredEvent(row);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return new UndecodableEvent(row[1], row[4], row[2], row[3], row[0], row[7], 'its data is not JSON');
  }
};
