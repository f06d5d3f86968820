import { ApiProperty } from '@nestjs/swagger';

export class DecidedEventDto {
  @ApiProperty({ example: 'TicketEstimated' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

/** The answer to every command: the object's id, its stream revision after the command, and the events decided. */
export class CommandOutcomeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer', description: 'Stream revision after the command (0-based)' }) revision!: number;
  @ApiProperty({ type: [DecidedEventDto], description: 'Empty when the command changed nothing (a repeat)' })
  events!: DecidedEventDto[];
}
