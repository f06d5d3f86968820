import { ApiProperty } from '@nestjs/swagger';

export class PlanTermsDto {
  @ApiProperty({ enum: ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] }) code!: string;
  @ApiProperty({ type: 'integer' }) monthlyMinutes!: number;
  @ApiProperty({ type: 'integer' }) firstResponseBusinessMinutes!: number;
  @ApiProperty({ type: 'integer' }) catalogVersion!: number;
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
  @ApiProperty({ type: PlanTermsDto, description: 'Plan in force this period' }) plan!: PlanTermsDto;
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
