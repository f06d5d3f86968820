import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { LIMITS } from './limits.js';

/** `page` and `size` of a list route; list query DTOs extend it. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.pageSize, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(LIMITS.pageSize)
  size?: number;
}
