import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlanTermsDto {
  @ApiProperty({ enum: ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] }) code!: string;
  @ApiProperty({ type: 'integer' }) monthlyMinutes!: number;
  @ApiProperty({ type: 'integer' }) firstResponseBusinessMinutes!: number;
  @ApiProperty({ type: 'integer' }) catalogVersion!: number;
  @ApiPropertyOptional({ enum: ['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'], isArray: true }) extras?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'Monthly price in cents' }) priceCents?: number;
}

export class ScheduledPlanDto {
  @ApiProperty({ example: '2027-01' }) from!: string;
  @ApiProperty({ type: PlanTermsDto, nullable: true, description: 'null: package-only from then' }) plan!: PlanTermsDto | null;
}

export class AccountManagerDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
}

export class SupportChannelsDto {
  @ApiPropertyOptional() whatsappGroup?: string;
  @ApiPropertyOptional() emergencyWhatsappGroup?: string;
}

export class AmendmentDto {
  @ApiProperty({ example: '2027-01' }) from!: string;
  @ApiPropertyOptional() clientName?: string;
  @ApiPropertyOptional({ type: 'integer' }) overageRateCentsPerHour?: number;
  @ApiPropertyOptional() calendarId?: string;
  @ApiPropertyOptional() timeZone?: string;
}

export class AlertSettingsDto {
  @ApiProperty({ type: 'integer' }) lowBalanceMinutes!: number;
  @ApiProperty({ type: 'integer' }) expiringWithinDays!: number;
}

export class MaintenanceScheduleDto {
  @ApiProperty() scheduleId!: string;
  @ApiProperty({ enum: ['security_updates', 'backup'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'integer' }) everyMonths!: number;
  @ApiProperty({ type: 'integer' }) dayOfMonth!: number;
  @ApiProperty({ example: '09:00' }) localTime!: string;
  @ApiProperty({ example: '2026-12' }) firstPeriod!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The next occurrence (null once ended)' }) next!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextDueAt!: string | null;
}

export class LotDto {
  @ApiProperty() lotId!: string;
  @ApiProperty({ enum: ['plan', 'package', 'adjustment'] }) source!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'Unused minutes left in the lot' }) minutes!: number;
  @ApiProperty() expiresAt!: string;
}

export class AccountResponseDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ enum: ['open', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: ['plan', 'package'], description: "This period's contract" }) kind!: string;
  @ApiProperty({ type: PlanTermsDto, nullable: true, description: 'Plan in force this period (null: package-only)' }) plan!: PlanTermsDto | null;
  @ApiProperty({ type: [ScheduledPlanDto] }) scheduledPlans!: ScheduledPlanDto[];
  @ApiProperty({ type: 'integer', description: 'The first-response target of a ticket opened now' }) firstResponseBusinessMinutes!: number;
  @ApiProperty({ enum: ['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'], isArray: true }) extras!: string[];
  @ApiProperty({ type: AccountManagerDto, nullable: true }) accountManager!: AccountManagerDto | null;
  @ApiProperty({ type: SupportChannelsDto }) channels!: SupportChannelsDto;
  @ApiProperty({ type: [AmendmentDto], description: 'Amendments for later periods' }) scheduledAmendments!: AmendmentDto[];
  @ApiProperty({ type: AlertSettingsDto }) alertSettings!: AlertSettingsDto;
  @ApiProperty({ type: [MaintenanceScheduleDto] }) maintenance!: MaintenanceScheduleDto[];
  @ApiProperty() timeZone!: string;
  @ApiProperty() calendarId!: string;
  @ApiProperty({ type: 'integer' }) overageRateCentsPerHour!: number;
  @ApiProperty({ description: 'The instant the figures are computed at' }) asOf!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'Unexpired minutes' }) balanceMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Minutes held by estimated, unfinished tickets' }) reservedMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'balance − reserved; may be negative' }) availableMinutes!: number;
  @ApiProperty({ type: 'integer', description: 'Minutes debits in this period could not cover' }) currentShortfallMinutes!: number;
  @ApiProperty({ type: [LotDto], description: 'Unexpired lots in FIFO order' }) lots!: LotDto[];
  @ApiProperty({ type: 'integer' }) revision!: number;
}
