import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type TicketCategoryName } from '../ticket-vocabulary.js';
import type { TicketPriority } from '#ticketing';

export class OpenTicketRequestDto {
  @ApiProperty({ description: 'The account the demand is charged to', example: 'acc-1' })
  @Matches(ID_PATTERN, { message: 'accountId must be letters, digits, _ or -' })
  accountId!: string;

  @ApiProperty({ maxLength: LIMITS.title, example: 'Relatório de vendas não abre' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.title)
  title!: string;

  @ApiProperty({ maxLength: LIMITS.description })
  @IsString() @MinLength(1) @MaxLength(LIMITS.description)
  description!: string;

  @ApiProperty({ enum: TICKET_CATEGORIES, example: 'support' })
  @IsIn(TICKET_CATEGORIES)
  category!: TicketCategoryName;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'normal' })
  @IsOptional() @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.participants, description: 'Training and technical follow-up allow at most 4' })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.participants)
  @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(LIMITS.name, { each: true })
  participants?: string[];
}
