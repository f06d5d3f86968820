import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountCommand } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { acmeTerms, alertsOff, at, calendar, debited, february, january, march, monthlyCredits, opened } from './account-fixtures.js';
import type { OpenedAccount } from './account-state.js';
import { FIXED_TERM_REASON } from './decide-lifecycle.js';
import { dueFacts } from './due-facts.js';

const spec = DeciderSpecification.for(accountDecider);
const on = (now: string, command: Pick<AccountCommand, 'type' | 'data'>): AccountCommand => ({ ...command, now: at(now), calendar }) as AccountCommand;
const endAt = (lastPeriod: string, now = '2026-01-10T12:00:00Z', reason = 'aviso prévio do cliente') =>
  on(now, { type: 'ScheduleContractEnd', data: { lastPeriod, reason } });
const renew = (lastPeriod: string, now: string) => on(now, { type: 'RenewContract', data: { lastPeriod } });
const scheduled = (lastPeriod: string, extra: Record<string, string> = {}): AccountEvent => ({
  type: 'ContractEndScheduled', data: { lastPeriod, reason: 'aviso prévio do cliente', ...extra, scheduledAt: '2026-01-10T12:00:00Z' },
});
const ended = (lastPeriod: string, endedAt: string, reason = 'aviso prévio do cliente'): AccountEvent =>
  ({ type: 'ContractEnded', data: { lastPeriod, reason, endedAt } });
const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;

describe('account: scheduled end of the contract (termination notice, fixed term)', () => {
  it('ends at the end of the period given, the current one or a later one', () => {
    spec([opened, alertsOff, january]).when(endAt('2026-03')).then([scheduled('2026-03')]);
    spec([opened, alertsOff, january]).when(endAt('2026-01')).then([scheduled('2026-01')]);
  });

  it('replaces an end already scheduled (earlier or later); the same end again changes nothing', () => {
    spec([opened, alertsOff, january, scheduled('2026-03')]).when(endAt('2026-02')).then([scheduled('2026-02', { previousLastPeriod: '2026-03' })]);
    spec([opened, alertsOff, january, scheduled('2026-03')]).when(endAt('2026-03')).thenNothingHappens();
  });

  it('refuses a period already over, a period before the first, a missing reason and a period out of range', () => {
    spec([opened, alertsOff, january]).when(endAt('2025-12', '2025-12-20T12:00:00Z')).thenThrows('CONTRACT_END_MUST_BE_THE_END_OF_A_PERIOD_TO_COME');
    spec([opened, alertsOff, january, february]).when(endAt('2026-01', '2026-02-10T12:00:00Z')).thenThrows('CONTRACT_END_MUST_BE_THE_END_OF_A_PERIOD_TO_COME');
    spec([opened, alertsOff, january]).when(endAt('2026-03', undefined, '  ')).thenThrows('CONTRACT_END_REQUIRES_A_REASON');
    spec([opened, alertsOff, january]).when(endAt('2100-12')).thenThrows('PERIOD_OUT_OF_RANGE');
  });

  it('stops the monthly credits after the last period and ends at the first instant after it, however late it is noticed', () =>
    spec([opened, alertsOff, january, scheduled('2026-02')])
      .when(on('2026-04-20T12:00:00Z', { type: 'ExpireLots', data: {} }))
      .then([february, ended('2026-02', '2026-03-01T03:00:00Z')]));

  it("still invoices the last period's shortfall on the next first business day, and lets the lots left expire as scheduled", () => {
    const short = debited('T1', '2026-01-20T15:00:00Z', { minutes: 240, covered: 180, shortfall: 60, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] });
    const bought: AccountEvent = { type: 'PackagePurchased', data: { packageId: 'p', lotId: 'package-p', minutes: 120, period: '2026-01', purchasedAt: '2026-01-25T12:00:00Z', expiresAt: '2027-01-01T03:00:00Z' } };
    const events = dueFacts(account([opened, alertsOff, january, scheduled('2026-01'), short, bought]), at('2027-01-02T12:00:00Z'), calendar);
    expect(events).to.deep.equal([
      ended('2026-01', '2026-02-01T03:00:00Z'),
      // Sunday 1 February 2026: the first business day is Monday the 2nd, 09:00 in São Paulo.
      { type: 'OverageInvoiced', data: { period: '2026-01', shortfallMinutes: 60, rateCentsPerHour: 15030, amountCents: 15030, invoicedAt: '2026-02-02T12:00:00Z' } },
      { type: 'LotExpired', data: { lotId: 'package-p', minutes: 120, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' } },
    ]);
  });

  it('takes no credits, packages or changes once ended, whether or not the end is written yet; cancelling it does nothing', () => {
    const buy = on('2026-03-05T12:00:00Z', { type: 'PurchasePackage', data: { packageId: 'late', minutes: 60 } });
    spec([opened, alertsOff, january, february, scheduled('2026-02')]).when(buy).thenThrows('CONTRACT_HAS_ENDED');
    spec([opened, alertsOff, january, february, scheduled('2026-02'), ended('2026-02', '2026-03-01T03:00:00Z')]).when(buy).thenThrows('CONTRACT_HAS_ENDED');
    spec([opened, alertsOff, january, february, scheduled('2026-02')])
      .when(on('2026-03-05T12:00:00Z', { type: 'AmendContract', data: { effectiveFrom: '2026-04', reason: 'x', overageRateCentsPerHour: 1 } }))
      .thenThrows('CONTRACT_HAS_ENDED');
    spec([opened, alertsOff, january, february, scheduled('2026-02')])
      .when(on('2026-03-05T12:00:00Z', { type: 'CancelAccount', data: { reason: 'de novo' } }))
      .thenNothingHappens();
  });

  it('still debits a ticket that closes after the end (its shortfall belongs to the period of the close)', () =>
    spec([opened, alertsOff, january, scheduled('2026-01'), ended('2026-01', '2026-02-01T03:00:00Z')])
      .when(on('2026-02-10T12:00:00Z', { type: 'DebitTicket', data: { ticketId: 'T9', minutes: 200 } }))
      .then([
        debited('T9', '2026-02-10T12:00:00Z', { minutes: 200, covered: 180, shortfall: 20, period: '2026-02', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] }),
        { type: 'ShortfallAlerted', data: { period: '2026-02', shortfallMinutes: 20, rateCentsPerHour: 15030, estimatedAmountCents: 5010, alertedAt: '2026-02-10T12:00:00Z' } },
      ]));

  it('can be withdrawn before it comes: the credits go on', () => {
    spec([opened, alertsOff, january, scheduled('2026-01')])
      .when(on('2026-01-20T12:00:00Z', { type: 'WithdrawContractEnd', data: {} }))
      .then([{ type: 'ContractEndWithdrawn', data: { lastPeriod: '2026-01', withdrawnAt: '2026-01-20T12:00:00Z' } }]);
    spec([opened, alertsOff, january]).when(on('2026-01-20T12:00:00Z', { type: 'WithdrawContractEnd', data: {} })).thenNothingHappens();
    const withdrawn: AccountEvent = { type: 'ContractEndWithdrawn', data: { lastPeriod: '2026-01', withdrawnAt: '2026-01-20T12:00:00Z' } };
    expect(dueFacts(account([opened, alertsOff, january, scheduled('2026-01'), withdrawn]), at('2026-03-01T03:00:00Z'), calendar)).to.deep.equal([february, march]);
  });
});

describe('account: renewal', () => {
  it('runs a contract with an end on to a later last period (the credits due before are written first)', () =>
    spec([opened, alertsOff, january, scheduled('2026-02')]).when(renew('2026-06', '2026-02-10T12:00:00Z')).then([
      february,
      { type: 'ContractRenewed', data: { previousLastPeriod: '2026-02', lastPeriod: '2026-06', renewedAt: '2026-02-10T12:00:00Z' } },
    ]));

  it('goes on crediting until the renewed last period, then ends', () => {
    const renewed: AccountEvent = { type: 'ContractRenewed', data: { previousLastPeriod: '2026-02', lastPeriod: '2026-04', renewedAt: '2026-02-10T12:00:00Z' } };
    expect(dueFacts(account([opened, alertsOff, january, february, scheduled('2026-02'), renewed]), at('2026-06-15T12:00:00Z'), calendar)).to.deep.equal([
      ...monthlyCredits('2026-03', '2026-04'),
      ended('2026-04', '2026-05-01T03:00:00Z'),
    ]);
  });

  it('refuses a contract with no end, an earlier last period and a contract already ended; the same period changes nothing', () => {
    spec([opened, alertsOff, january]).when(renew('2026-06', '2026-01-20T12:00:00Z')).thenThrows('CONTRACT_HAS_NO_END_TO_RENEW');
    spec([opened, alertsOff, january, scheduled('2026-03')]).when(renew('2026-02', '2026-01-20T12:00:00Z')).thenThrows('RENEWAL_MUST_EXTEND_THE_CONTRACT');
    spec([opened, alertsOff, january, scheduled('2026-03')]).when(renew('2026-03', '2026-01-20T12:00:00Z')).thenNothingHappens();
    // The end came at 2026-02-01T03:00Z, not written yet: a renewal after it is too late.
    spec([opened, alertsOff, january, scheduled('2026-01')]).when(renew('2026-06', '2026-02-01T03:00:00Z')).thenThrows('CONTRACT_HAS_ENDED');
  });

  it('opens a fixed-term contract: its end is scheduled with the opening', () => {
    spec([]).when({ type: 'OpenAccount', data: { ...acmeTerms, lastPeriod: '2026-12' }, now: at('2025-12-15T12:00:00Z') }).then([
      opened,
      { type: 'ContractEndScheduled', data: { lastPeriod: '2026-12', reason: FIXED_TERM_REASON, scheduledAt: '2025-12-15T12:00:00Z' } },
    ]);
    spec([]).when({ type: 'OpenAccount', data: { ...acmeTerms, lastPeriod: '2025-12' }, now: at('2025-12-15T12:00:00Z') })
      .thenThrows('CONTRACT_END_MUST_BE_THE_END_OF_A_PERIOD_TO_COME');
  });
});
