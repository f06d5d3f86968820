import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { OutOfScopeReason, TicketPriority } from '#ticketing';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { OUT_OF_SCOPE_REASONS, TICKET_PRIORITIES } from '../ticket-vocabulary.js';

export class AssignTicketRequestDto {
  @ApiProperty({ description: 'An agent or manager of the identity context', maxLength: LIMITS.id })
  @Matches(ID_PATTERN, { message: 'userId must be letters, digits, _ or -' })
  userId!: string;
}

export class TicketPriorityRequestDto {
  @ApiProperty({ enum: TICKET_PRIORITIES })
  @IsIn(TICKET_PRIORITIES)
  priority!: TicketPriority;
}

export class PendingQuestionRequestDto {
  @ApiProperty({ maxLength: LIMITS.note, example: 'Por que o filtro de região zera o total?' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  question!: string;
}

export class PendingAnswerRequestDto {
  @ApiProperty({ maxLength: LIMITS.description })
  @IsString() @MinLength(1) @MaxLength(LIMITS.description)
  answer!: string;
}

export class OutOfScopeRequestDto {
  @ApiProperty({ enum: OUT_OF_SCOPE_REASONS, description: "What the service does not cover (seed 000's list)" })
  @IsIn(OUT_OF_SCOPE_REASONS)
  reason!: OutOfScopeReason;

  @ApiProperty({ maxLength: LIMITS.note, description: 'What the client is told' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  note!: string;

  @ApiProperty({ enum: ['refuse', 'escalate'], description: 'Refuse the ticket (it ends), or escalate it to a project' })
  @IsIn(['refuse', 'escalate'])
  resolution!: 'refuse' | 'escalate';
}

export const OFFER_DECISIONS = ['accept', 'decline'] as const;

export class ProjectOfferDecisionRequestDto {
  @ApiProperty({ enum: OFFER_DECISIONS })
  @IsIn(OFFER_DECISIONS)
  decision!: (typeof OFFER_DECISIONS)[number];

  @ApiProperty({ description: 'The offer decided on (the ticket shows the current one)', maxLength: LIMITS.id })
  @IsString() @MinLength(1) @MaxLength(LIMITS.id)
  offerId!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'Why it is declined' })
  @ValidateIf((body: ProjectOfferDecisionRequestDto) => body.reason !== undefined)
  @IsString() @MaxLength(LIMITS.note)
  reason?: string;
}

export class OverrunRequestDto {
  @ApiProperty({ type: 'integer', description: 'Minutes needed beyond the approved estimate', minimum: 1, maximum: LIMITS.minutes })
  @IsInt() @Min(1) @Max(LIMITS.minutes)
  additionalMinutes!: number;

  @ApiProperty({ maxLength: LIMITS.note, description: 'Why more time is needed (the client reads it)' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}

