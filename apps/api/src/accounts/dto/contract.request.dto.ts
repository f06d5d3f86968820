import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { maintenanceKinds, type MaintenanceKind } from '#hour-bank';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';
import { IsPeriod, IsTimeZone } from '../../api-shared/temporal-validators.js';

export class AssignAccountManagerRequestDto {
  @ApiProperty({ description: 'A staff user (agent or manager) of the identity context', maxLength: LIMITS.id })
  @Matches(ID_PATTERN, { message: 'userId must be letters, digits, _ or -' })
  userId!: string;
}

export class SupportChannelsRequestDto {
  @ApiPropertyOptional({ maxLength: LIMITS.note, description: "The plan's WhatsApp group (an invitation link or a number); absent: not offered", example: 'https://chat.whatsapp.com/AbCdEf' })
  @IsOptional() @IsString() @MaxLength(LIMITS.note)
  whatsappGroup?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.note, description: 'The emergency WhatsApp group (ADVANCED and CUSTOM)' })
  @IsOptional() @IsString() @MaxLength(LIMITS.note)
  emergencyWhatsappGroup?: string;
}

export class AmendContractRequestDto {
  @ApiProperty({ description: 'The first period the new terms apply to (one that has not started), YYYY-MM', example: '2027-01' })
  @IsPeriod()
  effectiveFrom!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(LIMITS.name)
  clientName?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Overage rate, cents an hour', minimum: 1, maximum: LIMITS.cents })
  @IsOptional() @IsInt() @Min(1) @Max(LIMITS.cents)
  overageRateCentsPerHour?: number;

  @ApiPropertyOptional({ maxLength: LIMITS.id, description: 'The business calendar from then on (invoice days; tickets opened from then on)' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'calendarId must be letters, digits, _ or -' })
  calendarId?: string;

  @ApiPropertyOptional({ description: 'IANA time zone from then on (periods are counted in it)' })
  @IsOptional() @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ maxLength: LIMITS.note, example: 'Aditivo 2, assinado em 10/11/2026' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.note)
  reason!: string;
}

export class AlertSettingsRequestDto {
  @ApiProperty({ type: 'integer', description: 'Alert when the balance goes under this many minutes (0: off)', minimum: 0, maximum: LIMITS.minutes, example: 60 })
  @IsInt() @Min(0) @Max(LIMITS.minutes)
  lowBalanceMinutes!: number;

  @ApiProperty({ type: 'integer', description: 'Announce a lot this many days before it expires (0: off)', minimum: 0, maximum: 180, example: 30 })
  @IsInt() @Min(0) @Max(180)
  expiringWithinDays!: number;
}

export class ScheduleMaintenanceRequestDto {
  @ApiProperty({ enum: maintenanceKinds })
  @IsIn(maintenanceKinds)
  kind!: MaintenanceKind;

  @ApiProperty({ maxLength: LIMITS.title, example: 'Atualizações de segurança do site' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.title)
  title!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.description })
  @IsOptional() @IsString() @MaxLength(LIMITS.description)
  description?: string;

  @ApiProperty({ type: 'integer', enum: [1, 2, 3, 4, 6, 12], description: 'A ticket every this many months' })
  @IsIn([1, 2, 3, 4, 6, 12])
  everyMonths!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 28, description: 'Day of the month (1–28, a day every month has)' })
  @IsInt() @Min(1) @Max(28)
  dayOfMonth!: number;

  @ApiProperty({ description: "Local time in the account's zone, HH:MM", example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'localTime must be HH:MM' })
  localTime!: string;

  @ApiProperty({ description: 'The first period it may open a ticket in (the first occurrence still to come from then)', example: '2026-12' })
  @IsPeriod()
  firstPeriod!: string;
}
