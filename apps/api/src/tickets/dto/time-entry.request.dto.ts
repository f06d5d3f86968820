import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { LIMITS } from '../../api-shared/limits.js';
import { IsPlainDate } from '../../api-shared/temporal-validators.js';
import { TIME_ACTIVITIES, type TimeActivityName } from '../ticket-vocabulary.js';

export class LogTimeRequestDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMITS.minutes, example: 45 })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiProperty({ enum: TIME_ACTIVITIES, example: 'development' })
  @IsIn(TIME_ACTIVITIES)
  activity!: TimeActivityName;

  @ApiProperty({ description: 'Date the work was done, YYYY-MM-DD', example: '2026-11-04' })
  @IsPlainDate()
  performedOn!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.note })
  @IsOptional() @IsString() @MaxLength(LIMITS.note)
  note?: string;
}

export class CorrectTimeEntryRequestDto {
  @ApiProperty({ type: 'integer', description: 'Signed minutes that correct the entry (negative takes time off)', example: -15 })
  @IsInt() @NotEquals(0) @Min(-LIMITS.minutes) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiProperty({ maxLength: LIMITS.note })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}
