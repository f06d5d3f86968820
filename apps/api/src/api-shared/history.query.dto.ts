import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const HISTORY_PAGE_LIMIT = 500;

export class HistoryQueryDto {
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_PAGE_LIMIT, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(HISTORY_PAGE_LIMIT)
  limit?: number;
}
