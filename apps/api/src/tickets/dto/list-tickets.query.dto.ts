import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN } from '../../api-shared/limits.js';
import { PageQueryDto } from '../../api-shared/page.query.dto.js';
import { AfterCursor } from '../../api-shared/keyset-cursor.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../ticket-vocabulary.js';
import { ASSIGNEE_DESCRIPTION } from '../assignee-filter.js';

export class ListTicketsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional() @Matches(ID_PATTERN)
  accountId?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional() @IsIn(TICKET_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: TICKET_CATEGORIES })
  @IsOptional() @IsIn(TICKET_CATEGORIES)
  category?: string;

  @AfterCursor('A page after a cursor reads only its own rows however deep it is, and leaves out `page` and `total`.')
  after?: string;

  @ApiPropertyOptional({ description: 'The human number, e.g. 1042 for #1042' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  number?: number;

  @ApiPropertyOptional({ description: ASSIGNEE_DESCRIPTION })
  @IsOptional() @Matches(ID_PATTERN)
  assignee?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional() @IsIn(TICKET_PRIORITIES)
  priority?: string;
}
