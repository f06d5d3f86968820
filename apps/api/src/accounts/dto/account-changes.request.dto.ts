import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, NotEquals, ValidateIf } from 'class-validator';
import { planCodes, type PlanCode } from '#hour-bank';
import { LIMITS } from '../../api-shared/limits.js';

export class PurchasePackageRequestDto {
  @ApiProperty({ type: 'integer', description: 'Minutes bought (a single package)', minimum: 1, maximum: LIMITS.minutes, example: 600 })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiPropertyOptional({ type: 'integer', description: 'What the client pays for the package, in cents (BRL); absent: no price recorded', minimum: 0, maximum: LIMITS.cents, example: 180000 })
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.cents)
  priceCents?: number;
}

export class AdjustBalanceRequestDto {
  @ApiProperty({ type: 'integer', description: 'Positive credits a lot, negative takes minutes from the lots', minimum: -LIMITS.minutes, maximum: LIMITS.minutes, example: -30 })
  @IsInt() @NotEquals(0) @Min(-LIMITS.minutes) @Max(LIMITS.minutes)
  minutes!: number;

  @ApiProperty({ maxLength: LIMITS.note })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}

export class ChangePlanRequestDto {
  @ApiPropertyOptional({ enum: ['plan', 'package'], default: 'plan', description: "'package': package-only from the next period (no more monthly credits)" })
  @IsOptional() @IsIn(['plan', 'package'])
  kind?: 'plan' | 'package';

  @ApiPropertyOptional({ enum: planCodes, description: 'The plan from the next period (required unless kind is package)' })
  @ValidateIf((body: ChangePlanRequestDto) => body.kind !== 'package' || body.plan !== undefined) @IsIn(planCodes)
  plan?: PlanCode;

  @ApiPropertyOptional({ type: 'integer', description: 'CUSTOM only: the contracted monthly price in cents', minimum: 0, maximum: LIMITS.cents })
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.cents)
  contractedPriceCents?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'CUSTOM only: contracted minutes a month', minimum: 1, maximum: LIMITS.minutes })
  @IsOptional() @IsInt() @Min(1) @Max(LIMITS.minutes)
  contractedMinutes?: number;
}

export class CancelAccountRequestDto {
  @ApiProperty({ maxLength: LIMITS.note })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}
