import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from 'temporal-polyfill';
import { SlaTimersPageDto } from './read-models.response.dto.js';
import { CalendarBook, accountBalanceAsOf } from '#hour-bank';
import { CLOCK, type Clock, DomainError } from '#kernel';
import { CurrentPrincipal, type Principal } from '#platform';
import { querySlaTimers, type OpenedTicket } from '#ticketing';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ApiProblems } from '#platform';
import { SlaTimersQueryDto } from '../admin/admin.dto.js';
import { cursorValue, decodeCursor, encodeCursor, refuseOffsetWithCursor } from '../api-shared/keyset-cursor.js';

/** A timer list cursor: the walk's instant, then the last timer's key (opened at, ticket id, kind). */
const readTimerCursor = (after: string) => decodeCursor(after, (values) =>
  values.length === 4 && cursorValue.instant(values[0]) && cursorValue.instant(values[1]) && cursorValue.id(values[2])
    && cursorValue.oneOf(['firstResponse', 'deliveryPromise'] as const)(values[3])
    ? { asOf: values[0], key: { openedAt: values[1], ticketId: values[2], kind: values[3] } }
    : undefined);

/** A client sees only its own accounts, whatever accountId it asks for. */
export const accountScope = (caller: Principal, accountId?: string): readonly string[] | undefined => {
  const asked = accountId === undefined ? undefined : [accountId];
  if (caller.role !== 'client') return asked;
  return caller.accounts.filter((id) => asked === undefined || asked.includes(id));
};

/** A ticket's business calendar: its own, else its account's opening one (through the balance read model). */
export const calendarOfTicket = (readModels: ReadModels, calendars: CalendarBook, now: Temporal.Instant) => async (ticket: OpenedTicket) => {
  if (ticket.calendarId !== undefined) return calendars.get(ticket.calendarId);
  const account = await accountBalanceAsOf(readModels.reader, ticket.accountId, now);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${ticket.accountId} is not in the read model yet`, { accountId: ticket.accountId });
  return calendars.get(account.openingCalendarId);
};

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla/timers')
export class SlaTimersController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly calendars: CalendarBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Live SLA timers (due, elapsed and remaining business minutes, paused, at risk, status), newest tickets first' })
  @ApiOkResponse({ type: SlaTimersPageDto })
  @ApiProblems(400)
  async list(@Query() query: SlaTimersQueryDto, @CurrentPrincipal() caller: Principal) {
    const { page, after, size = 20, accountId, status, atRisk } = query;
    refuseOffsetWithCursor(page, after);
    const cursor = after === undefined ? undefined : readTimerCursor(after);
    const now = cursor ? Temporal.Instant.from(cursor.asOf) : this.clock.now();
    const accountIds = accountScope(caller, accountId);
    const calendarOf = calendarOfTicket(this.readModels, this.calendars, now);
    const filter = { ...(accountIds && { accountIds }), ...(status && { status }), ...(atRisk !== undefined && { atRisk }) };
    const start = cursor ? { after: cursor.key } : { page: page ?? 1 };
    const slice = await querySlaTimers(this.readModels.reader, filter, calendarOf, now, start, size);
    const asOf = now.toString();
    const next = slice.next && encodeCursor([asOf, slice.next.openedAt, slice.next.ticketId, slice.next.kind]);
    return { asOf, items: slice.items, ...('page' in start && { page: start.page, total: slice.total }), size, ...(next && { next }) };
  }
}
