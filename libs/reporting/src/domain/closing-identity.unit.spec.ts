import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addPeriods, defaultCalendar, periodOf, periodStart } from '#calendar';
import { fold, isDomainError } from '#kernel';
import { type AccountCommand, type AccountEvent, type AccountState, accountDecider, balanceAsOf, happenedBy } from '#hour-bank';
import { buildMonthlyReport } from './build-monthly-report.js';

const zone = 'America/Sao_Paulo';
const calendar = defaultCalendar('sp');
const plan = { code: 'START' as const, monthlyMinutes: 180, firstResponseBusinessMinutes: 240, catalogVersion: 1 };

type Step = { advanceMinutes: number; kind: 'package' | 'adjust' | 'debit' | 'expire' | 'idle'; minutes: number; schedulerDown: boolean };

/** `at`: when the event was recorded (the command's now); its payload says when it took effect. */
interface Timed { readonly event: AccountEvent; readonly at: Temporal.Instant }

/** Runs the account decider through random months: expiries and credits at each period start (unless the scheduler is down), then the step. */
function simulate(steps: readonly Step[]): Timed[] {
  const log: Timed[] = [];
  let state: AccountState = accountDecider.initialState();
  const run = (input: Omit<AccountCommand, 'calendar'>) => {
    const command = { ...input, calendar } as AccountCommand;
    try {
      for (const event of accountDecider.decide(command, state)) {
        state = accountDecider.evolve(state, event);
        log.push({ event, at: command.now });
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  };
  let now = periodStart('2026-01', zone);
  run({ type: 'OpenAccount', now, data: { accountId: 'a', clientName: 'A', plan, firstPeriod: '2026-01', timeZone: zone, calendarId: 'sp', overageRateCentsPerHour: 12000 } });
  run({ type: 'CreditMonthlyPlan', now, data: { period: '2026-01' } });
  steps.forEach((step, index) => {
    const next = now.add({ minutes: step.advanceMinutes });
    for (let p = addPeriods(periodOf(now, zone), 1); Temporal.Instant.compare(periodStart(p, zone), next) <= 0; p = addPeriods(p, 1)) {
      const boundary = periodStart(p, zone);
      if (step.schedulerDown) continue;
      run({ type: 'ExpireLots', now: boundary, data: {} });
      run({ type: 'CreditMonthlyPlan', now: boundary, data: { period: p } });
    }
    now = next;
    const id = `x${index}`;
    if (step.kind === 'package') run({ type: 'PurchasePackage', now, data: { packageId: id, minutes: step.minutes } });
    if (step.kind === 'adjust') run({ type: 'AdjustBalance', now, data: { adjustmentId: id, minutes: step.minutes - 150, reason: 'r' } });
    if (step.kind === 'debit') run({ type: 'DebitTicket', now, data: { ticketId: id, minutes: step.minutes } });
    if (step.kind === 'expire') run({ type: 'ExpireLots', now, data: {} });
  });
  return log;
}

/** The decider's state from the events that had taken effect before `instant` (business time, not recording time). */
const stateBefore = (events: readonly AccountEvent[], instant: Temporal.Instant): AccountState =>
  fold(accountDecider, happenedBy(events, instant.subtract({ nanoseconds: 1 })));

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  advanceMinutes: fc.integer({ min: 60, max: 40 * 24 * 60 }),
  kind: fc.constantFrom('package', 'adjust', 'debit', 'debit', 'expire', 'idle', 'idle'),
  minutes: fc.integer({ min: 1, max: 400 }),
  schedulerDown: fc.boolean(),
});

const periodsOf = (log: readonly Timed[]): string[] => {
  const periods: string[] = [];
  for (let p = '2026-01'; p <= periodOf(log.at(-1)!.at, zone); p = addPeriods(p, 1)) periods.push(p);
  return periods;
};

describe('the closing balance of random account histories', function () {
  // 12 s alone on this 2-core machine since the account also folds alerts and maintenance (issue 15); the suite runs it under load.
  this.timeout(60_000);

  it('equals the account state\'s balance just before each period ends, from the whole log and from what was written by then, and the next opening', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }), (steps) => {
        const log = simulate(steps);
        const account = log.map((t) => t.event);
        for (const period of periodsOf(log)) {
          const end = periodStart(addPeriods(period, 1), zone);
          const expected = balanceAsOf(stateBefore(account, end), end.subtract({ nanoseconds: 1 }));
          const recordedByEnd = log.filter((t) => Temporal.Instant.compare(t.at, end) < 0).map((t) => t.event);
          const report = buildMonthlyReport({ period, account, tickets: [] });
          expect(report.closingBalance, period).to.equal(expected);
          const fromWritten = balanceAsOf(stateBefore(recordedByEnd, end), end.subtract({ nanoseconds: 1 }));
          expect(buildMonthlyReport({ period, account: recordedByEnd, tickets: [] }).closingBalance, period).to.equal(fromWritten);
          const following = buildMonthlyReport({ period: addPeriods(period, 1), account, tickets: [] });
          expect(following.openingBalance, period).to.equal(report.closingBalance);
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});
