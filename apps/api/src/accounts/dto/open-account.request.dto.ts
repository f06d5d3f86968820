import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { planCodes, type PlanCode } from '#hour-bank';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { IsPeriod, IsTimeZone } from '../../api-shared/temporal-validators.js';

export class OpenAccountRequestDto {
  @ApiProperty({ maxLength: LIMITS.name, example: 'Padaria Pão Quente Ltda' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.name)
  clientName!: string;

  @ApiPropertyOptional({ enum: ['plan', 'package'], default: 'plan', description: 'A monthly plan, or a single package only (no monthly credit: sell packages)' })
  @IsOptional() @IsIn(['plan', 'package'])
  kind?: 'plan' | 'package';

  @ApiPropertyOptional({ enum: planCodes, example: 'START', description: 'Required for a plan contract; absent for a package-only one' })
  @ValidateIf((body: OpenAccountRequestDto) => body.kind !== 'package' || body.plan !== undefined) @IsIn(planCodes)
  plan?: PlanCode;

  @ApiPropertyOptional({ type: 'integer', description: 'CUSTOM only: the contracted monthly price in cents (BRL)', minimum: 0, maximum: LIMITS.cents })
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.cents)
  contractedPriceCents?: number;

  @ApiPropertyOptional({ type: 'integer', description: "Package-only contracts: the first-response target of their tickets (default: the catalog's START target)", minimum: 1, maximum: LIMITS.minutes })
  @IsOptional() @IsInt() @Min(1) @Max(LIMITS.minutes)
  firstResponseBusinessMinutes?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'CUSTOM only: contracted minutes a month (at least 1200)', minimum: 1, maximum: LIMITS.minutes })
  @IsOptional() @IsInt() @Min(1) @Max(LIMITS.minutes)
  contractedMinutes?: number;

  @ApiProperty({ description: 'First period credited, YYYY-MM, from 2000-01 to 2100-12 (a period in the past is credited at once, each month as of its start)', example: '2026-11' })
  @IsPeriod()
  firstPeriod!: string;

  @ApiPropertyOptional({ default: 'America/Sao_Paulo' })
  @IsOptional() @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ default: 'br-national', maxLength: LIMITS.id })
  @IsOptional() @Matches(ID_PATTERN, { message: 'calendarId must be letters, digits, _ or -' })
  calendarId?: string;

  @ApiProperty({ type: 'integer', description: 'Overage rate, cents (BRL) an hour', minimum: 1, maximum: LIMITS.cents, example: 15000 })
  @IsInt() @Min(1) @Max(LIMITS.cents)
  overageRateCentsPerHour!: number;
}
