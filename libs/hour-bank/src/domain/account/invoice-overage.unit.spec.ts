import { defaultCalendar } from '#calendar';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { InvoiceOverage } from './account-commands.js';
import { at, debited, monthlyCredits, opened } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const calendar = defaultCalendar('sp');
const invoice = (period: string, now: string, cal = calendar): InvoiceOverage => ({
  type: 'InvoiceOverage',
  data: { period },
  now: at(now),
  calendar: cal,
});
const short = (ticketId: string, minutes: number, debitedAt: string, period = '2026-10'): AccountEvent =>
  debited(ticketId, debitedAt, { minutes, covered: 0, shortfall: minutes, period, paidBy: [] });
/** Every credit up to November's written on time: only the invoice is due on 3 November. */
const credited = [opened, ...monthlyCredits('2026-01', '2026-11')];
const october = [...credited, short('T1', 45, '2026-10-20T15:00:00Z'), short('T2', 31, '2026-10-28T15:00:00Z')];
const invoiced = (invoicedAt: string): AccountEvent => ({
  type: 'OverageInvoiced',
  // 76 min × 15030 cents/h = 1 142 280; ÷ 60 = 19 038 exactly. Rounding each debit would give 11 273 + 7 766 = 19 039.
  data: { period: '2026-10', shortfallMinutes: 76, rateCentsPerHour: 15030, amountCents: 19038, invoicedAt },
});

describe('account: overage invoice', () => {
  it("invoices the period's total shortfall, rounded once, on the next period's first business day", () =>
    // 1 Nov 2026 is a Sunday and 2 Nov (Finados) a national holiday: the first business day is 3 Nov.
    spec(october).when(invoice('2026-10', '2026-11-03T12:00:00Z')).then([invoiced('2026-11-03T12:00:00Z')]));

  it('is dated on its due instant, the opening of that day, however late it is written', () =>
    spec(october).when(invoice('2026-10', '2026-11-20T15:00:00Z')).then([invoiced('2026-11-03T12:00:00Z')]));

  for (const early of ['2026-11-02T12:00:00Z', '2026-11-03T11:59:59.999Z', '2026-10-31T12:00:00Z']) {
    it(`refuses to invoice before the first business day (${early})`, () =>
      spec(october).when(invoice('2026-10', early)).thenThrows('OVERAGE_IS_INVOICED_FROM_THE_NEXT_FIRST_BUSINESS_DAY'));
  }

  it('rounds half a cent up', () =>
    spec([...credited, short('T1', 1, '2026-10-20T15:00:00Z')])
      .when(invoice('2026-10', '2026-11-03T12:00:00Z'))
      .then([
        {
          type: 'OverageInvoiced',
          // 1 min × 15030 / 60 = 250.5 cents → 251
          data: { period: '2026-10', shortfallMinutes: 1, rateCentsPerHour: 15030, amountCents: 251, invoicedAt: '2026-11-03T12:00:00Z' },
        },
      ]));

  it('invoices once per period: a repeat does nothing', () =>
    spec([...october, invoiced('2026-11-03T12:00:00Z')]).when(invoice('2026-10', '2026-11-04T12:00:00Z')).thenNothingHappens());

  it('does not invoice a period without shortfall', () => {
    // September's 45 minutes: 11 273 cents (rounded half up), invoiced at the opening of Thursday 1 October.
    const september: AccountEvent = {
      type: 'OverageInvoiced',
      data: { period: '2026-09', shortfallMinutes: 45, rateCentsPerHour: 15030, amountCents: 11273, invoicedAt: '2026-10-01T12:00:00Z' },
    };
    spec([...credited, short('T1', 45, '2026-09-20T15:00:00Z', '2026-09'), september])
      .when(invoice('2026-10', '2026-11-03T12:00:00Z'))
      .thenNothingHappens();
  });

  it('writes an earlier period\'s invoice still due first, with its own date', () =>
    spec([...credited, short('T1', 45, '2026-09-20T15:00:00Z', '2026-09')])
      .when(invoice('2026-10', '2026-11-03T12:00:00Z'))
      .then([{
        type: 'OverageInvoiced',
        data: { period: '2026-09', shortfallMinutes: 45, rateCentsPerHour: 15030, amountCents: 11273, invoicedAt: '2026-10-01T12:00:00Z' },
      }]));

  it("uses the account's own calendar", () =>
    spec(october).when(invoice('2026-10', '2026-11-03T12:00:00Z', defaultCalendar('rio'))).thenThrows('CALENDAR_IS_NOT_THE_ACCOUNTS'));

  it('follows the calendar: a local closure moves the invoice day', () => {
    const closed3rd = { ...calendar, holidays: [{ date: '2026-11-03', name: 'office closed' }] };
    spec(october).when(invoice('2026-10', '2026-11-03T12:00:00Z', closed3rd)).thenThrows('OVERAGE_IS_INVOICED_FROM_THE_NEXT_FIRST_BUSINESS_DAY');
  });
});
