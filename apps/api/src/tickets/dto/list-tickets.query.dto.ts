import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { TICKET_CATEGORIES, TICKET_STATUSES } from '../ticket-vocabulary.js';

export class ListTicketsQueryDto {
  @ApiPropertyOptional()
  @IsOptional() @Matches(ID_PATTERN)
  accountId?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional() @IsIn(TICKET_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: TICKET_CATEGORIES })
  @IsOptional() @IsIn(TICKET_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.pageSize, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(LIMITS.pageSize)
  size?: number;
}
