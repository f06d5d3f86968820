import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const object = { type: 'object', additionalProperties: true } as const;

export class ConsumerStatusDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['projection', 'reactor'] }) kind!: string;
  @ApiProperty({ enum: ['catching-up', 'live', 'parked', 'stopped', 'rebuilding'] }) state!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Checkpoint: the last position consumed' }) position!: number | null;
  @ApiProperty({ type: 'integer' }) headPosition!: number;
  @ApiProperty({ type: 'integer', description: 'Events in the log after the checkpoint' }) lag!: number;
  @ApiProperty({ type: 'number' }) eventsPerSecond!: number;
  @ApiProperty({ ...object, nullable: true, description: '{ message, at }' }) lastError!: Record<string, unknown> | null;
  @ApiProperty({ ...object, nullable: true, description: 'The parked event: { position, eventId, type, error, … }' }) parked!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'integer' }) version?: number;
  @ApiPropertyOptional({ type: 'integer' }) generation?: number;
  @ApiPropertyOptional({ ...object, nullable: true, description: 'Rebuild progress: { done, total, applied, eventsPerSecond, etaSeconds }' }) rebuild?: Record<string, unknown> | null;
}

export class ProjectionsStatusDto {
  @ApiProperty({ type: 'integer' }) headPosition!: number;
  @ApiProperty({ type: [ConsumerStatusDto] }) consumers!: ConsumerStatusDto[];
  @ApiProperty({ ...object, nullable: true, description: 'The scheduler: running, interval, last tick' }) scheduler!: Record<string, unknown> | null;
}

export class RebuildStartedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['rebuilding'] }) state!: string;
}

export class RetriedDto {
  @ApiProperty() name!: string;
  @ApiProperty() retried!: boolean;
}

export class SkippedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: 'The position moved past' }) skipped!: number;
}

export class FiredDeadlineDto {
  @ApiProperty() key!: string;
  @ApiProperty({ example: 'monthly-credit' }) kind!: string;
  @ApiProperty({ example: '2026-03-01T03:00:00Z' }) dueAt!: string;
}

export class SchedulerRunDto {
  @ApiProperty({ description: 'The clock after the run (the test clock when on)' }) now!: string;
  @ApiProperty({ type: [FiredDeadlineDto] }) fired!: FiredDeadlineDto[];
}
