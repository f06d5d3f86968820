import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SlaTimerDto {
  @ApiProperty({ enum: ['firstResponse', 'deliveryPromise'] }) kind!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ type: 'integer' }) targetMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Business minutes elapsed' }) elapsedMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Business minutes remaining' }) remainingMinutes!: number;
  @ApiProperty({ description: 'Waiting on the client' }) paused!: boolean;
  @ApiProperty({ description: '80 % or more of the target elapsed' }) atRisk!: boolean;
  @ApiProperty({ enum: ['running', 'met', 'breached', 'stopped'] }) status!: string;
}

export class TicketSlaDto {
  @ApiPropertyOptional({ type: SlaTimerDto }) firstResponse?: SlaTimerDto;
  @ApiPropertyOptional({ type: SlaTimerDto }) deliveryPromise?: SlaTimerDto;
}

export class TicketEstimateDto {
  @ApiProperty({ type: 'integer' }) estimatedMinutes!: number;
  @ApiProperty() expectedDeliveryAt!: string;
  @ApiProperty() estimatedAt!: string;
}

export class TicketAssigneeDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
}

export class ExecutionPlanResponseDto {
  @ApiProperty() plan!: string;
  @ApiProperty({ enum: ['technician', 'clientAssisted'] }) executedBy!: string;
}

export class PendingQuestionDto {
  @ApiProperty() question!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional() answer?: string;
  @ApiPropertyOptional() answeredAt?: string;
}

export class PendingOverrunDto {
  @ApiProperty({ type: 'integer', description: 'The estimate approved so far' }) previousEstimatedMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'The estimate if the client approves' }) estimatedMinutes!: number;
  @ApiProperty() requestedAt!: string;
}

export class OutOfScopeDto {
  @ApiProperty() reason!: string;
  @ApiProperty() note!: string;
}

export class TicketResponseDto {
  @ApiProperty() ticketId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['open', 'awaitingClarification', 'awaitingApproval', 'rejected', 'inProgress', 'delivered', 'closed', 'cancelled', 'escalated'] })
  status!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) participants!: string[];
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional({ type: TicketEstimateDto }) estimate?: TicketEstimateDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Time entries by entry id' }) entries!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Corrections by correction id' }) corrections!: Record<string, unknown>;
  @ApiProperty({ type: 'integer', description: 'Total logged minutes, corrections included' }) loggedMinutes!: number;
  @ApiPropertyOptional() deliveredAt?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) projectOffer?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'integer', description: 'The human number (#1042), once given (moments after opening)' }) number?: number;
  @ApiPropertyOptional({ enum: ['low', 'normal', 'high', 'urgent'], description: 'Absent: normal' }) priority?: string;
  @ApiPropertyOptional({ type: TicketAssigneeDto }) assignee?: TicketAssigneeDto;
  @ApiPropertyOptional({ type: ExecutionPlanResponseDto }) executionPlan?: ExecutionPlanResponseDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'By question id: question, recordedAt, answer, answeredAt' })
  pendingQuestions?: Record<string, PendingQuestionDto>;
  @ApiPropertyOptional({ type: PendingOverrunDto, description: 'Minutes beyond the approved estimate waiting for the client' }) pendingOverrun?: PendingOverrunDto;
  @ApiPropertyOptional({ type: OutOfScopeDto }) outOfScope?: OutOfScopeDto;
  @ApiPropertyOptional({ description: 'The calendar the ticket keeps (its account\'s at opening)' }) calendarId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A recurring maintenance occurrence: schedule, occurrence, kind' }) maintenance?: Record<string, unknown>;
  @ApiProperty({ type: TicketSlaDto }) sla!: TicketSlaDto;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
}

export class TicketListItemDto {
  @ApiProperty() ticketId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty() status!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: 'integer' }) loggedMinutes!: number;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) estimatedMinutes!: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'The human number (#1042), null until numbered' }) number!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ enum: ['low', 'normal', 'high', 'urgent'] }) priority!: string;
}

export class TicketListPageDto {
  @ApiProperty({ type: [TicketListItemDto] }) items!: TicketListItemDto[];
  @ApiPropertyOptional({ type: 'integer', description: 'The page asked for by offset (absent on a page after a cursor)' }) page?: number;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Tickets the filter matches, on a page by offset (absent on a page after a cursor)' }) total?: number;
  @ApiPropertyOptional({ description: 'Cursor of the following page (pass it as `after`); absent on the last page' }) next?: string;
}
