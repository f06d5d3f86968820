import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsModule } from '../accounts/accounts.module.js';
import {
  AddCalendarHolidayHandler, ChangeCalendarOptionsHandler, DefineCalendarHandler, RemoveCalendarHolidayHandler,
} from './calendar.handlers.js';
import { CalendarsController } from './calendars.controller.js';
import { GetCalendarHandler } from './get-calendar.query.js';

@Module({
  imports: [CqrsModule, AccountsModule],
  controllers: [CalendarsController],
  providers: [DefineCalendarHandler, AddCalendarHolidayHandler, RemoveCalendarHolidayHandler, ChangeCalendarOptionsHandler, GetCalendarHandler],
})
export class CalendarsModule {}
