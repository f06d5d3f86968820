import type { EventMetadata, RecordedEvent } from '#kernel';
import { UndecodableEventError } from './errors.js';

/**
 * A recorded event whose payload cannot be read as Hour Bank writes it (binary content, malformed JSON). Its
 * envelope reads normally; its data and metadata throw, so the consumer that needs them fails on this one event
 * and parks it, and the others go on. Every store hands such an event over this way rather than failing its reader.
 */
export class UndecodableEvent implements RecordedEvent {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly stream: string,
    readonly revision: number,
    readonly position: number,
    readonly recordedAt: string,
    private readonly reason: string,
  ) {}

  get data(): unknown {
    throw new UndecodableEventError(this.id, this.stream, this.reason);
  }

  get metadata(): EventMetadata {
    throw new UndecodableEventError(this.id, this.stream, this.reason);
  }

  toJSON() {
    const { id, type, stream, revision, position, recordedAt, reason } = this;
    return { id, type, stream, revision, position, recordedAt, undecodable: reason };
  }
}
