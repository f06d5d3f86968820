import { Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '#calendar';
import { DomainError } from '#kernel';
import { calendarAdminDecider } from '../domain/calendar-admin/calendar-admin.decider.js';
import { calendarStream } from '../domain/calendar-admin/calendar-admin.events.js';
import { calendarAdminCodec } from './codecs.js';
import { StreamReader } from './stream-reader.js';

/** Business calendars as their streams say now (br-national is the default until edited). */
@Injectable()
export class CalendarBook {
  constructor(private readonly reader: StreamReader) {}

  async find(calendarId: string): Promise<{ calendar: BusinessCalendar; revision: number } | undefined> {
    const { state, revision } = await this.reader.fold(calendarStream(calendarId), calendarAdminDecider(calendarId), calendarAdminCodec);
    return state.status === 'defined' ? { calendar: state.calendar, revision } : undefined;
  }

  async get(calendarId: string): Promise<BusinessCalendar> {
    const found = await this.find(calendarId);
    if (!found) throw new DomainError('CALENDAR_NOT_FOUND', `Calendar ${calendarId} does not exist`, { calendarId });
    return found.calendar;
  }

  /** A calendar named by a command's body: unknown is a refused request (422), not a missing resource. */
  async referenced(calendarId: string): Promise<BusinessCalendar> {
    const found = await this.find(calendarId);
    if (!found) throw new DomainError('CALENDAR_IS_UNKNOWN', `No calendar ${calendarId}`, { calendarId });
    return found.calendar;
  }
}
