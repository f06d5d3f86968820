import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedEvent } from '#kernel';
import type { EventCodec, EventStore } from '#eventstore';

export class EventMetadataDto {
  @ApiProperty() actor!: string;
  @ApiPropertyOptional({ enum: ['client', 'agent', 'manager', 'auditor', 'system'] }) role?: string;
  @ApiPropertyOptional() onBehalfOf?: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional() causationId?: string;
  @ApiPropertyOptional() commandId?: string;
  @ApiProperty() occurredAt!: string;
}

export class HistoryEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Domain event type', example: 'TicketOpened' }) type!: string;
  @ApiProperty({ description: 'Stored, versioned name', example: 'hourbank.ticket.opened.v1' }) storedType!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
  @ApiProperty({ type: 'integer', description: '0-based revision in the stream' }) revision!: number;
  @ApiProperty({ type: 'integer', description: 'Global position in the log' }) position!: number;
  @ApiProperty() recordedAt!: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEntryDto] }) events!: HistoryEntryDto[];
  @ApiPropertyOptional({ type: 'integer', description: 'fromRevision for the next page; absent on the last page' }) nextFromRevision?: number;
}

const entryOf = (codec: EventCodec, recorded: RecordedEvent): HistoryEntryDto => {
  // The request hash is the idempotency record's, not audit metadata.
  const { commandId, requestHash: _requestHash, ...rest } = recorded.metadata;
  return {
    id: recorded.id,
    type: codec.knows(recorded.type) ? codec.decode(recorded).type : recorded.type,
    storedType: recorded.type,
    data: codec.knows(recorded.type) ? codec.decode(recorded).data : recorded.data,
    metadata: { ...rest, ...(commandId !== undefined && { commandId: String(commandId) }) } as EventMetadataDto,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
  };
};

/** One page of a stream with each event's audit metadata; reads one more event to know if a next page exists. */
export async function readHistory(
  store: EventStore,
  stream: string,
  codec: EventCodec,
  page: { fromRevision: number; limit: number },
): Promise<HistoryPageDto> {
  const events: HistoryEntryDto[] = [];
  let more = false;
  for await (const recorded of store.readStream(stream, { fromRevision: page.fromRevision, maxCount: page.limit + 1 })) {
    if (events.length === page.limit) {
      more = true;
      break;
    }
    events.push(entryOf(codec, recorded));
  }
  const last = events.at(-1);
  return { events, ...(more && last && { nextFromRevision: last.revision + 1 }) };
}
