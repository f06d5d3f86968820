import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LIMITS } from '../../api-shared/limits.js';

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const;

export class DecideEstimateRequestDto {
  @ApiProperty({ enum: APPROVAL_DECISIONS })
  @IsIn(APPROVAL_DECISIONS)
  decision!: (typeof APPROVAL_DECISIONS)[number];

  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Required when rejecting' })
  @ValidateIf((body: DecideEstimateRequestDto) => body.decision === 'reject' || body.reason !== undefined)
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason?: string;
}

export class EmptyRequestDto {}

export class OptionalNoteRequestDto {
  @ApiPropertyOptional({ maxLength: LIMITS.note })
  @IsOptional() @IsString() @MaxLength(LIMITS.note)
  note?: string;
}
