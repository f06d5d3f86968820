import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { planExtras, type PlanExtra } from '#hour-bank';
import { LIMITS } from '../api-shared/limits.js';
import { IsPeriod } from '../api-shared/temporal-validators.js';

export class RevisePlanRequestDto {
  @ApiProperty({ type: 'integer', description: 'Minutes credited a month (CUSTOM: the least a contract may have, 1200 or more)', minimum: 1, maximum: LIMITS.minutes })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  monthlyMinutes!: number;

  @ApiProperty({ type: 'integer', description: 'First-response target in business minutes', minimum: 1, maximum: LIMITS.minutes })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  firstResponseBusinessMinutes!: number;

  @ApiProperty({ enum: planExtras, isArray: true })
  @IsArray() @ArrayMaxSize(planExtras.length) @IsIn(planExtras, { each: true })
  extras!: PlanExtra[];

  @ApiPropertyOptional({ type: 'integer', description: 'Monthly price in cents (BRL); absent keeps the current one', minimum: 0, maximum: LIMITS.cents })
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.cents)
  priceCents?: number;

  @ApiPropertyOptional({ description: 'The first period the revision applies to (default: the current one); accounts keep their terms', example: '2027-01' })
  @IsOptional() @IsPeriod()
  effectiveFrom?: string;
}

export class PlanQueryDto {
  @ApiPropertyOptional({ description: 'The catalog as it applies to this period (default: the current one)', example: '2027-01' })
  @IsOptional() @IsPeriod()
  period?: string;
}

export class CatalogPlanDto {
  @ApiProperty({ enum: ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] }) code!: string;
  @ApiProperty({ type: 'integer' }) monthlyMinutes!: number;
  @ApiProperty({ type: 'integer' }) firstResponseBusinessMinutes!: number;
  @ApiProperty({ enum: planExtras, isArray: true }) extras!: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'Monthly price in cents; absent: not set (on request)' }) priceCents?: number;
  @ApiProperty({ type: 'integer', description: 'The catalog version of this revision' }) version!: number;
  @ApiProperty({ example: '2026-11' }) effectiveFrom!: string;
}

export class PlanCatalogDto {
  @ApiProperty({ example: '2026-11', description: 'The period the plans below apply to' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'The latest catalog version recorded' }) version!: number;
  @ApiProperty({ type: [CatalogPlanDto] }) plans!: CatalogPlanDto[];
  @ApiProperty({ type: [CatalogPlanDto], description: 'Revisions recorded for later periods' }) scheduled!: CatalogPlanDto[];
}
