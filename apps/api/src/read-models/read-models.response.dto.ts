import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LotDto, PlanTermsDto } from '../accounts/dto/account.response.dto.js';

export class SlaTimerDto {
  @ApiProperty() ticketId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() ticketStatus!: string;
  @ApiProperty({ enum: ['firstResponse', 'deliveryPromise'] }) kind!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ type: 'integer' }) targetMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Business minutes elapsed' }) elapsedMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Business minutes remaining' }) remainingMinutes!: number;
  @ApiProperty() paused!: boolean;
  @ApiProperty() atRisk!: boolean;
  @ApiProperty({ enum: ['running', 'met', 'breached', 'stopped'] }) status!: string;
}

export class SlaTimersPageDto {
  @ApiProperty({ description: 'The instant the timers were computed at: now on a first page, the walk\'s first page\'s on a page after a cursor' }) asOf!: string;
  @ApiProperty({ type: [SlaTimerDto] }) items!: SlaTimerDto[];
  @ApiPropertyOptional({ type: 'integer', description: 'The page asked for by offset (absent on a page after a cursor)' }) page?: number;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Timers the filter matches, on a page by offset (absent on a page after a cursor)' }) total?: number;
  @ApiPropertyOptional({ description: 'Cursor of the following page (pass it as `after`); absent on the last page' }) next?: string;
}

export class OverageInvoiceDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer' }) shortfallMinutes!: number;
  @ApiProperty({ type: 'integer' }) rateCentsPerHour!: number;
  @ApiProperty({ type: 'integer', description: 'round-half-up(minutes × rate / 60)' }) amountCents!: number;
  @ApiProperty() invoicedAt!: string;
}

export class BalanceDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ enum: ['open', 'cancelled'] }) status!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() calendarId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ enum: ['plan', 'package'] }) kind!: string;
  @ApiProperty({ type: PlanTermsDto, nullable: true, description: 'null: package-only this period' }) plan!: PlanTermsDto | null;
  @ApiProperty({ type: 'integer' }) balanceMinutes!: number;
  @ApiProperty({ type: 'integer' }) reservedMinutes!: number;
  @ApiProperty({ type: 'integer' }) availableMinutes!: number;
  @ApiProperty({ type: 'integer' }) currentShortfallMinutes!: number;
  @ApiProperty({ type: [LotDto] }) lots!: LotDto[];
  @ApiProperty({ type: OverageInvoiceDto, nullable: true }) lastInvoice!: OverageInvoiceDto | null;
  @ApiProperty({ type: 'integer', description: 'Log position of the last event of the account applied' }) position!: number;
}

export class BalanceWithInvoicesDto extends BalanceDto {
  @ApiProperty({ type: [OverageInvoiceDto] }) invoices!: OverageInvoiceDto[];
}

export class BalancesPageDto {
  @ApiProperty({ type: [BalanceDto] }) items!: BalanceDto[];
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}
