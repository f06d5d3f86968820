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

const requestId = { type: 'integer', description: 'On PostgreSQL: the operator request the holding worker carried out (GET /admin/operator-requests/{id})' } as const;

export class RebuildStartedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['rebuilding'] }) state!: string;
  @ApiPropertyOptional(requestId) requestId?: number;
}

export class RetriedDto {
  @ApiProperty() name!: string;
  @ApiProperty() retried!: boolean;
  @ApiPropertyOptional(requestId) requestId?: number;
}

export class SkippedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: 'The position moved past' }) skipped!: number;
  @ApiPropertyOptional(requestId) requestId?: number;
}

export class OperatorRequestDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ description: 'A projection, or a reactor partition (ticket-account/2)' }) consumer!: string;
  @ApiProperty({ enum: ['retry', 'skip', 'rebuild'] }) action!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'skip: the parked position' }) position?: number;
  @ApiProperty({ description: 'Who asked' }) actor!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'failed'] }) state!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The worker that took it' }) worker!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it failed' }) error!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) finishedAt!: string | null;
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
