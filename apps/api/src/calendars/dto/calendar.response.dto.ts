import { ApiProperty } from '@nestjs/swagger';
import { WeeklyHoursDto } from './calendar.request.dto.js';

export class HolidayDto {
  @ApiProperty() date!: string;
  @ApiProperty() name!: string;
}

export class CalendarResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: WeeklyHoursDto }) weeklyHours!: WeeklyHoursDto;
  @ApiProperty() brazilNationalHolidays!: boolean;
  @ApiProperty() carnival!: boolean;
  @ApiProperty() corpusChristi!: boolean;
  @ApiProperty({ type: [HolidayDto], description: 'Holidays and closures added by hand' }) holidays!: HolidayDto[];
  @ApiProperty({ type: [HolidayDto], description: 'Every day off in the year asked for (national and by hand)' }) daysOff!: HolidayDto[];
  @ApiProperty({ type: 'integer', description: '-1 while the implicit default has never been edited' }) revision!: number;
}
