import { ApiProperty, OmitType } from '@nestjs/swagger';
import { EventMetadataDto } from '../api-shared/stream-history.js';

/** The published metadata: the stored one without the internal command id. */
export class PublicEventMetadataDto extends OmitType(EventMetadataDto, ['commandId'] as const) {}

/** A published event: the envelope and its public payload (each type's schema is in GET /asyncapi.json). */
export class PublicEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'hourbank.ticket.opened.v1' }) type!: string;
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: 'integer', description: 'Global position: pass it back unchanged as a cursor' }) position!: number;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: PublicEventMetadataDto }) metadata!: PublicEventMetadataDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class FeedPageDto {
  @ApiProperty({ type: [PublicEventDto] }) events!: PublicEventDto[];
  @ApiProperty({ type: 'integer', description: 'The cursor of the next page' }) next!: number;
  @ApiProperty() caughtUp!: boolean;
  @ApiProperty({ type: 'integer', description: "The log's last position when the page was read" }) head!: number;
}

export const EVENT_STREAM_CONTENT = {
  'text/event-stream': { schema: { type: 'string', description: '`id: <position>` and `data: <PublicEvent JSON>` per event, `: heartbeat` comments, `event: end` when the server ends it' } },
};
