import { Injectable } from '@nestjs/common';
import { periodOf } from '#calendar';
import {
  CalendarBook, StreamReader, accountCodec, accountDecider, accountStream, availableMinutes, planInForce, visibleAccount,
} from '#hour-bank';
import type { TicketAccount, TicketAccounts } from '#ticketing';

/** Answers the ticketing context's questions about an account from the account and calendar streams. */
@Injectable()
export class TicketAccountsAdapter implements TicketAccounts {
  constructor(
    private readonly reader: StreamReader,
    private readonly calendars: CalendarBook,
  ) {}

  async get(accountId: string): Promise<TicketAccount> {
    const { state } = await this.reader.fold(accountStream(accountId), accountDecider, accountCodec);
    const account = visibleAccount(state, accountId);
    const calendar = await this.calendars.get(account.calendarId);
    return {
      accountId,
      calendar,
      status: account.status,
      firstResponseBusinessMinutes: (now) => planInForce(account, periodOf(now, account.timeZone)).firstResponseBusinessMinutes,
      availableMinutes: (now, excludingTicketId) => availableMinutes(account, now, excludingTicketId),
    };
  }
}
