import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountCommand } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { at, calendar, debited, january, opened, shortfallAlerted } from './account-fixtures.js';
import type { OpenedAccount } from './account-state.js';
import { dueFacts } from './due-facts.js';

const spec = DeciderSpecification.for(accountDecider);
const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;
const debit = (ticketId: string, minutes: number, now: string): AccountCommand => ({ type: 'DebitTicket', data: { ticketId, minutes }, now: at(now), calendar });
const lowBalance = (balanceMinutes: number, alertedAt: string): AccountEvent =>
  ({ type: 'LowBalanceAlerted', data: { balanceMinutes, thresholdMinutes: 60, alertedAt } });

describe('account: alerts (defaults: balance under 1:00, lots 30 days before they expire)', () => {
  const t1 = debited('T1', '2026-01-20T15:00:00Z', { minutes: 150, covered: 150, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 150 }] });

  it('alerts the debit that takes the balance under the threshold, at its instant', () =>
    spec([opened, january]).when(debit('T1', 150, '2026-01-20T15:00:00Z')).then([t1, lowBalance(30, '2026-01-20T15:00:00Z')]));

  it('alerts once: a second debit under the threshold alerts nothing', () =>
    spec([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z')]).when(debit('T2', 10, '2026-01-21T15:00:00Z'))
      .then([debited('T2', '2026-01-21T15:00:00Z', { minutes: 10, covered: 10, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 10 }] })]));

  it("is armed again by a credit that reaches the threshold (February's 180)", () => {
    const state = account([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z')]);
    const [february] = dueFacts(state, at('2026-02-01T03:00:00Z'), calendar);
    expect(account([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z'), february!]).lowBalanceArmed).to.equal(true);
  });

  it('never alerts an account that was never credited to the threshold', () =>
    expect(dueFacts(account([opened]), at('2025-12-31T12:00:00Z'), calendar)).to.deep.equal([]));

  it('announces a lot 30 days before it expires, once, with its minutes then', () => {
    const state = account([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z')]);
    const due = dueFacts(state, at('2026-12-02T03:00:00Z'), calendar).filter((e) => e.type === 'LotExpiringSoonAlerted');
    expect(due.map((e) => e.data)).to.deep.equal([{ lotId: 'plan-2026-01', minutes: 30, expiresAt: '2027-01-01T03:00:00Z', alertedAt: '2026-12-02T03:00:00Z' }]);
  });

  it('announces nothing a moment before', () => {
    const state = account([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z')]);
    expect(dueFacts(state, at('2026-12-02T02:59:59Z'), calendar).filter((e) => e.type === 'LotExpiringSoonAlerted')).to.deep.equal([]);
  });

  it('turns alerts off with zero, and never dates an expiry alert before the settings that asked for it (90 days on 15 December: three lots at once)', () => {
    spec([opened, january]).when({ type: 'ChangeAlertSettings', data: { lowBalanceMinutes: 0, expiringWithinDays: 0 }, now: at('2026-01-10T12:00:00Z'), calendar })
      .then([{ type: 'AlertSettingsChanged', data: { lowBalanceMinutes: 0, expiringWithinDays: 0, changedAt: '2026-01-10T12:00:00Z' } }]);
    const late: AccountEvent = { type: 'AlertSettingsChanged', data: { lowBalanceMinutes: 60, expiringWithinDays: 90, changedAt: '2026-12-15T12:00:00Z' } };
    const due = dueFacts(account([opened, january, late]), at('2026-12-20T12:00:00Z'), calendar).filter((e) => e.type === 'LotExpiringSoonAlerted');
    const alerts = due.map((e) => e.data as { lotId: string; alertedAt: string });
    expect(alerts.map((a) => [a.lotId, a.alertedAt])).to.deep.equal([
      ['plan-2026-01', '2026-12-15T12:00:00Z'], ['plan-2026-02', '2026-12-15T12:00:00Z'], ['plan-2026-03', '2026-12-15T12:00:00Z'],
    ]);
  });

  it('alerts the first shortfall of a period with its debit, and not the next one', () => {
    const short = debited('T1', '2026-01-20T15:00:00Z', { minutes: 200, covered: 180, shortfall: 20, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] });
    spec([opened, january]).when(debit('T1', 200, '2026-01-20T15:00:00Z')).then([short, shortfallAlerted('2026-01', 20, '2026-01-20T15:00:00Z'), lowBalance(0, '2026-01-20T15:00:00Z')]);
    spec([opened, january, short, shortfallAlerted('2026-01', 20, '2026-01-20T15:00:00Z'), lowBalance(0, '2026-01-20T15:00:00Z')]).when(debit('T2', 5, '2026-01-21T15:00:00Z'))
      .then([debited('T2', '2026-01-21T15:00:00Z', { minutes: 5, covered: 0, shortfall: 5, period: '2026-01', paidBy: [] })]);
  });

  it('alerts the balance left under the threshold by an expiry only after the other facts of that instant (the credit refills it)', () => {
    const state = account([opened, january, t1, lowBalance(30, '2026-01-20T15:00:00Z')]);
    const credits = dueFacts(state, at('2027-01-01T03:00:00Z'), calendar);
    expect(credits.some((e) => e.type === 'LowBalanceAlerted')).to.equal(false);
  });
});
