import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsInstant } from '#platform';
import { ID_PATTERN, LIMITS } from '../api-shared/limits.js';

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SkipParkedEventRequestDto {
  @ApiProperty({ description: 'The parked position (guards against skipping another event than the one looked at)' })
  @IsInt() @Min(1)
  position!: number;

  @ApiProperty({ example: 'Malformed payload fixed by hand in the source system' })
  @IsString() @MinLength(3) @MaxLength(500)
  reason!: string;
}

export class RebuildQueryDto {
  @ApiPropertyOptional({ description: 'Answer when the rebuild is done instead of at once (202)' })
  @IsOptional() @Transform(booleanText) @IsBoolean()
  wait?: boolean;
}

export class AdvanceClockRequestDto {
  @ApiProperty({ example: '2026-03-01T12:00:00Z', description: 'Where the test clock goes, passing through every due instant' })
  @IsInstant()
  to!: string;
}

export class SlaTimersQueryDto {
  @ApiPropertyOptional({ enum: ['running', 'met', 'breached', 'stopped'] })
  @IsOptional() @IsIn(['running', 'met', 'breached', 'stopped'])
  status?: 'running' | 'met' | 'breached' | 'stopped';

  @ApiPropertyOptional()
  @IsOptional() @Matches(ID_PATTERN)
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(booleanText) @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.pageSize, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(LIMITS.pageSize)
  size?: number;
}

export class BalanceQueryDto {
  @ApiPropertyOptional({ description: 'Instant the balance is asked for (default now); lots expiring at or before it are gone' })
  @IsOptional() @IsInstant()
  asOf?: string;
}

export class BalancesQueryDto extends BalanceQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.pageSize, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(LIMITS.pageSize)
  size?: number;
}
