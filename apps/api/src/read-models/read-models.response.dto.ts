import { ApiProperty } from '@nestjs/swagger';
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
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [SlaTimerDto] }) items!: SlaTimerDto[];
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
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
