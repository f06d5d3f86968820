import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { IsInstant } from '#platform';
import { ID_PATTERN } from '../api-shared/limits.js';
import { PageQueryDto } from '../api-shared/page.query.dto.js';
import { AfterCursor } from '../api-shared/keyset-cursor.js';

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SkipParkedEventRequestDto {
  @ApiProperty({ type: 'integer', description: 'The parked position (guards against skipping another event than the one looked at)' })
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

export class SlaTimersQueryDto extends PageQueryDto {
  @AfterCursor('The walk keeps the instant of its first page: every page after it is computed as of that `asOf`, so a timer is neither skipped nor repeated while time moves on.')
  after?: string;

  @ApiPropertyOptional({ enum: ['running', 'met', 'breached', 'stopped'] })
  @IsOptional() @IsIn(['running', 'met', 'breached', 'stopped'])
  status?: 'running' | 'met' | 'breached' | 'stopped';

  @ApiPropertyOptional()
  @IsOptional() @Matches(ID_PATTERN)
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(booleanText) @IsBoolean()
  atRisk?: boolean;
}

export class BalanceQueryDto {
  @ApiPropertyOptional({ description: 'Instant the balance is asked for (default now); lots expiring at or before it are gone' })
  @IsOptional() @IsInstant()
  asOf?: string;
}

export class BalancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Instant the balances are asked for (default now); lots expiring at or before it are gone' })
  @IsOptional() @IsInstant()
  asOf?: string;
}
