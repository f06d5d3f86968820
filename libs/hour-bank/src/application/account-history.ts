import { Inject, Injectable } from '@nestjs/common';
import { foldFrom } from '#kernel';
import type { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { AccountEvent, OverageInvoiced } from '../domain/account/account-events.js';
import { accountStream } from '../domain/account/account-decider.js';
import { initialAccountState } from '../domain/account/account-state.js';
import { accountEventsAsOf } from '../domain/account/as-of.js';
import { evolveAccount } from '../domain/account/account-evolve.js';
import { visibleAccount } from './account-access.js';
import { AccountCalendars } from './account-calendars.js';
import { type AccountView, accountViewOf } from './account-view.js';
import { accountCodec } from './codecs.js';

export type OverageInvoiceView = OverageInvoiced['data'];

export interface AccountAsOf {
  readonly view: AccountView;
  /** Every overage invoice as of the instant, oldest first (one due and not written yet included). */
  readonly invoices: readonly OverageInvoiceView[];
  /** Log position of the account's last event read. */
  readonly position: number;
}

/** An account as its whole log says it stood at an instant: the past as it was, not filtered from today's lots. */
@Injectable()
export class AccountHistory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendars: AccountCalendars,
  ) {}

  async asOf(accountId: string, asOf: Temporal.Instant): Promise<AccountAsOf> {
    const events: AccountEvent[] = [];
    let revision = -1;
    let position = -1;
    for await (const recorded of this.store.readStream(accountStream(accountId))) {
      events.push(accountCodec.decode<AccountEvent>(recorded));
      ({ revision, position } = recorded);
    }
    const whole = foldFrom(evolveAccount, initialAccountState(), events);
    const asThen = whole.status === 'unopened' ? [] : accountEventsAsOf(events, asOf, await this.calendars.forAccount(whole));
    const account = visibleAccount(foldFrom(evolveAccount, initialAccountState(), asThen), accountId);
    const invoices = asThen.flatMap((event) => (event.type === 'OverageInvoiced' ? [event.data] : [])).sort((a, b) => (a.period < b.period ? -1 : 1));
    return { view: accountViewOf(account, asOf, revision), invoices, position };
  }
}
