import { ApiProperty } from '@nestjs/swagger';

export class PlanTermsDto {
  @ApiProperty({ enum: ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] }) code!: string;
  @ApiProperty() monthlyMinutes!: number;
  @ApiProperty() firstResponseBusinessMinutes!: number;
  @ApiProperty() catalogVersion!: number;
}

export class LotDto {
  @ApiProperty() lotId!: string;
  @ApiProperty({ enum: ['plan', 'package', 'adjustment'] }) source!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ description: 'Unused minutes left in the lot' }) minutes!: number;
  @ApiProperty() expiresAt!: string;
}

export class AccountResponseDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ enum: ['open', 'cancelled'] }) status!: string;
  @ApiProperty({ type: PlanTermsDto, description: 'Plan in force this period' }) plan!: PlanTermsDto;
  @ApiProperty() timeZone!: string;
  @ApiProperty() calendarId!: string;
  @ApiProperty() overageRateCentsPerHour!: number;
  @ApiProperty({ description: 'The instant the figures are computed at' }) asOf!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ description: 'Unexpired minutes' }) balanceMinutes!: number;
  @ApiProperty({ description: 'Minutes held by estimated, unfinished tickets' }) reservedMinutes!: number;
  @ApiProperty({ description: 'balance − reserved; may be negative' }) availableMinutes!: number;
  @ApiProperty({ description: 'Minutes debits in this period could not cover' }) currentShortfallMinutes!: number;
  @ApiProperty({ type: [LotDto], description: 'Unexpired lots in FIFO order' }) lots!: LotDto[];
  @ApiProperty() revision!: number;
}
