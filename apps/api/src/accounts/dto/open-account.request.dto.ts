import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { planCodes, type PlanCode } from '#hour-bank';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { IsPeriod, IsTimeZone } from '../../api-shared/temporal-validators.js';

export class OpenAccountRequestDto {
  @ApiProperty({ maxLength: LIMITS.name, example: 'Padaria Pão Quente Ltda' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.name)
  clientName!: string;

  @ApiProperty({ enum: planCodes, example: 'START' })
  @IsIn(planCodes)
  plan!: PlanCode;

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
