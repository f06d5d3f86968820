import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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

export class EstimateTicketRequestDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMITS.minutes, example: 120 })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiProperty({ description: 'Expected delivery, an ISO-8601 instant', example: '2026-11-05T18:00:00Z' })
  @IsInstant()
  expectedDeliveryAt!: string;
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
