import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type BusinessCalendar, type Holiday, holidaysIn } from '#calendar';
import { CalendarBook } from '#hour-bank';
import { CLOCK, type Clock, DomainError } from '#kernel';

export type CalendarView = BusinessCalendar & { readonly daysOff: readonly Holiday[]; readonly revision: number };

export class GetCalendarQuery extends Query<CalendarView> {
  constructor(readonly calendarId: string, readonly year?: number) {
    super();
  }
}

@QueryHandler(GetCalendarQuery)
export class GetCalendarHandler implements IQueryHandler<GetCalendarQuery> {
  constructor(
    private readonly calendars: CalendarBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ calendarId, year }: GetCalendarQuery): Promise<CalendarView> {
    const found = await this.calendars.find(calendarId);
    if (!found) throw new DomainError('CALENDAR_NOT_FOUND', `Calendar ${calendarId} does not exist`, { calendarId });
    const shownYear = year ?? this.clock.now().toZonedDateTimeISO(found.calendar.timeZone).year;
    return { ...found.calendar, daysOff: holidaysIn(found.calendar, shownYear), revision: found.revision };
  }
}
