import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { LIMITS } from '../../api-shared/limits.js';
import { IsPlainDate, IsTimeZone, IsWallTime } from '../../api-shared/temporal-validators.js';

export class WorkingWindowDto {
  @ApiProperty({ example: '09:00' }) @IsWallTime() start!: string;
  @ApiProperty({ example: '18:00' }) @IsWallTime() end!: string;
}

/** ISO weekdays 1 (Monday) … 7 (Sunday); a day left out has no business hours. */
export class WeeklyHoursDto {
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 1?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 2?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 3?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 4?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 5?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 6?: WorkingWindowDto[];
  @ApiPropertyOptional({ type: [WorkingWindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => WorkingWindowDto) 7?: WorkingWindowDto[];
}

export class CalendarOptionsRequestDto {
  @ApiPropertyOptional({ example: 'America/Sao_Paulo' }) @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ type: WeeklyHoursDto }) @IsOptional() @ValidateNested() @Type(() => WeeklyHoursDto) weeklyHours?: WeeklyHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() brazilNationalHolidays?: boolean;
  @ApiPropertyOptional({ description: 'Carnival Monday and Tuesday off' }) @IsOptional() @IsBoolean() carnival?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() corpusChristi?: boolean;
}

export class AddHolidayRequestDto {
  @ApiProperty({ example: '2026-12-24' }) @IsPlainDate() date!: string;
  @ApiProperty({ maxLength: LIMITS.name, example: 'Véspera de Natal' }) @IsString() @MinLength(1) @MaxLength(LIMITS.name) name!: string;
}
