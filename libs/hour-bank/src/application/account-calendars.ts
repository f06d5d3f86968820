import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { AccountEvent } from '../domain/account/account-events.js';
import { accountStream } from '../domain/account/account-decider.js';
import type { OpenedAccount } from '../domain/account/account-state.js';
import { calendarIdsOf } from '../domain/account/contract-terms.js';
import { CalendarBook } from './calendar-book.js';
import { accountCodec } from './codecs.js';

/**
 * An account's business calendars: the one it opened with (its id is fixed then) and any its amendments name (learned
 * as commands need them); their content is the calendar streams' now.
 */
@Injectable()
export class AccountCalendars {
  private readonly ids = new Map<string, Set<string>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendars: CalendarBook,
  ) {}

  /** The account's opening calendar; undefined when the account does not exist (the decider then refuses the command). */
  async of(accountId: string): Promise<BusinessCalendar | undefined> {
    return (await this.known(accountId))?.[0];
  }

  /** Every calendar the command may need as far as this process knows (opening first); `learn` adds one an amendment named. */
  async known(accountId: string): Promise<BusinessCalendar[] | undefined> {
    const ids = this.ids.get(accountId) ?? (await this.opening(accountId));
    return ids === undefined ? undefined : Promise.all([...ids].map((id) => this.calendars.get(id)));
  }

  learn(accountId: string, calendarId: string): void {
    this.ids.get(accountId)?.add(calendarId);
  }

  /** For readers holding the account's state: every calendar it uses. */
  forAccount(account: OpenedAccount): Promise<BusinessCalendar[]> {
    return Promise.all(calendarIdsOf(account).map((id) => this.calendars.get(id)));
  }

  private async opening(accountId: string): Promise<Set<string> | undefined> {
    for await (const recorded of this.store.readStream(accountStream(accountId), { maxCount: 1 })) {
      const opening = accountCodec.decode<AccountEvent>(recorded);
      if (opening.type !== 'AccountOpened') return undefined;
      const ids = new Set([opening.data.calendarId]);
      this.ids.set(accountId, ids);
      return ids;
    }
    return undefined;
  }
}
