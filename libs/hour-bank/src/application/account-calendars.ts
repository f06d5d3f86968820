import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { AccountEvent } from '../domain/account/account-events.js';
import { accountStream } from '../domain/account/account-decider.js';
import { CalendarBook } from './calendar-book.js';
import { accountCodec } from './codecs.js';

/** An account's business calendar: its id is fixed when the account opens, its content is the calendar stream's now. */
@Injectable()
export class AccountCalendars {
  private readonly ids = new Map<string, string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendars: CalendarBook,
  ) {}

  /** Undefined when the account does not exist (the decider then refuses the command). */
  async of(accountId: string): Promise<BusinessCalendar | undefined> {
    const calendarId = await this.calendarIdOf(accountId);
    return calendarId === undefined ? undefined : this.calendars.get(calendarId);
  }

  private async calendarIdOf(accountId: string): Promise<string | undefined> {
    const known = this.ids.get(accountId);
    if (known !== undefined) return known;
    for await (const recorded of this.store.readStream(accountStream(accountId), { maxCount: 1 })) {
      const opening = accountCodec.decode<AccountEvent>(recorded);
      if (opening.type !== 'AccountOpened') return undefined;
      this.ids.set(accountId, opening.data.calendarId);
      return opening.data.calendarId;
    }
    return undefined;
  }
}
