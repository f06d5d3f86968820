import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { Executor } from '#ticketing';
import { EXECUTORS } from '../ticket-vocabulary.js';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LIMITS } from '../../api-shared/limits.js';
import { IsInstant } from '../../api-shared/temporal-validators.js';

export class NoteRequestDto {
  @ApiProperty({ maxLength: LIMITS.note })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  text!: string;
}

export class RequestClarificationRequestDto {
  @ApiProperty({ maxLength: LIMITS.note, example: 'Which report, and since when?' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  question!: string;
}

export class ProvideClarificationRequestDto {
  @ApiProperty({ maxLength: LIMITS.note, example: 'The monthly sales report, since Monday.' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  answer!: string;
}

export class ExecutionPlanDto {
  @ApiProperty({ maxLength: LIMITS.description, description: 'The steps agreed with the client', example: '1. Revisar o painel\n2. Criar os filtros juntos' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.description)
  plan!: string;

  @ApiProperty({ enum: EXECUTORS, description: 'The technician executes, or assists the client who executes' })
  @IsIn(EXECUTORS)
  executedBy!: Executor;
}

export class EstimateTicketRequestDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMITS.minutes, example: 120 })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiProperty({ description: 'Expected delivery, an ISO-8601 instant', example: '2026-11-05T18:00:00Z' })
  @IsInstant()
  expectedDeliveryAt!: string;

  @ApiPropertyOptional({ type: ExecutionPlanDto, description: "Required on a consultative ticket's first estimate (investigation, training, technical follow-up, technical execution)" })
  @IsOptional() @ValidateNested() @Type(() => ExecutionPlanDto)
  executionPlan?: ExecutionPlanDto;
}

export class ReasonRequestDto {
  @ApiProperty({ maxLength: LIMITS.note })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}

export class DeliverTicketRequestDto {
  @ApiProperty({ maxLength: LIMITS.note, example: 'Fixed the report query and re-ran it.' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  summary!: string;
}

export class ProjectOfferRequestDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMITS.minutes * 10 })
  @IsInt() @Min(1) @Max(LIMITS.minutes * 10)
  expectedMinutes!: number;

  @ApiProperty({ type: 'integer', description: 'Price in cents (BRL)', minimum: 0, maximum: LIMITS.cents })
  @IsInt() @Min(0) @Max(LIMITS.cents)
  priceCents!: number;
}
