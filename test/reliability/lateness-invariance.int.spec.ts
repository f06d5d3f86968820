import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { booksOf } from './lateness-support/books.js';
import { requestFor, type Request } from './lateness-support/drive.js';
import { type History, historyArbitrary, profiles } from './lateness-support/plan.js';
import { Run } from './lateness-support/run.js';

/*
 * Property (issue 17): the books do not depend on when the scheduler runs. A random account history (a first
 * period in the past, tickets estimated, approved or rejected, worked, delivered, accepted, revised or left to
 * close by themselves, packages, adjustments, plan changes, shortfalls, expiries, invoices) is played twice over
 * HTTP at the same instants: once with every deadline fired at its instant, once with the scheduler waking only
 * now and then (minutes to 40 days apart, and down for a whole calendar month). Every answer, the ledger, each
 * ticket's history, the invoices and every monthly JSON report must be the same (metadata and the fields that
 * say when a process handled a fact left aside).
 */
/** Rounds over the account profiles (each round plays one random history per profile). */
const ROUNDS = Number(process.env.LATENESS_ROUNDS ?? 1);
const STEPS = Number(process.env.LATENESS_STEPS ?? 40);
const SEED = Number(process.env.LATENESS_SEED ?? 20270104);
const START = '2027-01-04T12:00:00Z';

const minutesLater = (at: Temporal.Instant, minutes: number) => Temporal.Instant.fromEpochMilliseconds(at.epochMilliseconds + minutes * 60_000);
const monthStart = (index: number) => Temporal.PlainDate.from('2027-01-01').add({ months: index }).toZonedDateTime('America/Sao_Paulo').toInstant();

/** The late scheduler's wake-ups: the random gaps, none during the month it is down. */
const wakeupsOf = (history: History): Temporal.Instant[] => {
  const [down, up] = [monthStart(history.monthDown), monthStart(history.monthDown + 1)];
  const wakeups: Temporal.Instant[] = [];
  let at = Temporal.Instant.from(START);
  for (const gap of history.wakeGapsMinutes) {
    at = minutesLater(at, gap);
    if (Temporal.Instant.compare(at, down) < 0 || Temporal.Instant.compare(at, up) >= 0) wakeups.push(at);
  }
  return wakeups;
};

/** When a ledger fact took effect (its business instant). */
const businessAt = (event: { data: unknown }): string => {
  const data = event.data as Record<string, string | undefined>;
  return data.endedAt ?? data.invoicedAt ?? data.expiredAt ?? data.debitedAt ?? '';
};

const send = (run: Run, { who, method, path, body }: Request, key: string) =>
  run.as(who).request(method, path, { body, headers: { 'Idempotency-Key': key } });

async function play(history: History) {
  const runs = [await Run.start(false, START, []), await Run.start(true, START, wakeupsOf(history))];
  try {
    const [onTime] = runs as [Run, Run];
    const opening = {
      clientName: 'Cliente', plan: history.plan, firstPeriod: history.firstPeriod, overageRateCentsPerHour: 12000, ...(history.term && { lastPeriod: history.term.lastPeriod }),
    };
    const accounts = await Promise.all(runs.map((run) => run.as('manager').request('POST', '/accounts', { body: opening, headers: { 'Idempotency-Key': 'account' } })));
    const accountId = accounts[0]!.body.id as string;
    expect(accounts[1]!.body.id).to.equal(accountId);
    for (const run of runs) await run.clientOf(accountId);
    const tickets: string[] = [];
    let at = Temporal.Instant.from(START);
    for (const [index, step] of history.steps.entries()) {
      at = minutesLater(at, step.gapMinutes);
      for (const run of runs) await run.moveTo(at);
      const request = await requestFor(step, accountId, tickets, onTime.as('agent'), at, history, index);
      if (!request) continue;
      const results = await Promise.all(runs.map((run) => send(run, request, `step-${index}`)));
      const [onTimeAnswer, lateAnswer] = results.map((result) => [result.status, result.body?.code] as const);
      expect(lateAnswer, `step ${index}: ${request.method} ${request.path}`).to.deep.equal(onTimeAnswer);
      if (request.path === '/tickets' && onTimeAnswer[0] === 201) tickets.push(results[0]!.body.id);
    }
    const end = minutesLater(at, 20 * 24 * 60);
    for (const run of runs) await run.finish(end);
    const lastPeriod = end.toZonedDateTimeISO('America/Sao_Paulo').toPlainDate().toPlainYearMonth().toString();
    const [onTimeBooks, lateBooks] = await Promise.all(runs.map((run) => booksOf(run.store, run.as('manager'), accountId, tickets, [history.firstPeriod, lastPeriod])));
    return { onTimeBooks, lateBooks, tickets };
  } finally {
    for (const run of runs) await run.close();
  }
}

describe('lateness invariance: the same history with the scheduler on time and late', function () {
  this.timeout(600_000);
  const seen = { invoices: 0, autoCloses: 0, expiries: 0, shortfalls: 0, approvals: 0, renewals: 0, ends: 0, afterEnd: 0 };

  const check = async (history: History) => {
    const { onTimeBooks, lateBooks, tickets } = await play(history);
    expect(lateBooks.ledger, 'ledger').to.deep.equal(onTimeBooks.ledger);
    expect(lateBooks.invoices, 'invoices').to.deep.equal(onTimeBooks.invoices);
    tickets.forEach((ticket, i) => expect(lateBooks.histories[i], `ticket ${ticket}`).to.deep.equal(onTimeBooks.histories[i]));
    for (const period of Object.keys(onTimeBooks.reports)) {
      expect(lateBooks.reports[period], `report ${period}`).to.deep.equal(onTimeBooks.reports[period]);
    }
    const texts = [...onTimeBooks.ledger, ...onTimeBooks.histories.flat()].map((event) => JSON.stringify(event));
    seen.invoices += onTimeBooks.invoices.length;
    seen.autoCloses += texts.filter((text) => text.includes('"how":"autoClosed"')).length;
    seen.expiries += texts.filter((text) => text.includes('lot-expired')).length;
    seen.shortfalls += onTimeBooks.ledger.filter((event) => (event.data as { shortfall?: number }).shortfall).length;
    seen.approvals += texts.filter((text) => text.includes('estimate-approved')).length;
    seen.renewals += texts.filter((text) => text.includes('contract-renewed')).length;
    const ended = onTimeBooks.ledger.find((event) => event.type === 'hourbank.account.contract-ended.v1');
    if (ended) {
      seen.ends += 1;
      const endedAt = (ended.data as { endedAt: string }).endedAt;
      const credits = onTimeBooks.ledger.filter((event) => event.type === 'hourbank.account.monthly-plan-credited.v1').map((event) => (event.data as { creditedAt: string }).creditedAt);
      expect(credits.every((creditedAt) => creditedAt < endedAt), 'no monthly credit at or after the end').to.equal(true);
      // What a contract's end leaves to happen after it: debits of tickets closing later, invoices, expiries.
      seen.afterEnd += onTimeBooks.ledger.filter((event) => /ticket-debited|overage-invoiced|lot-expired/.test(event.type) && businessAt(event) > endedAt).length;
    }
  };

  for (const [index, profile] of profiles.entries()) {
    it(`gives the same answers, ledger, histories, invoices and reports: ${profile.plan} from ${profile.firstPeriod} (seed ${SEED + index})`, () =>
      fc.assert(fc.asyncProperty(historyArbitrary(profile, STEPS), check), { numRuns: ROUNDS, seed: SEED + index, endOnFailure: true }));
  }

  it('played histories with invoices, automatic closes, expiries, shortfalls, approvals, a renewal and a contract end with facts after it (the property had something to compare)', () => {
    expect(seen.renewals, JSON.stringify(seen)).to.be.above(0);
    expect(seen.ends, JSON.stringify(seen)).to.be.above(0);
    expect(seen.afterEnd, JSON.stringify(seen)).to.be.above(0);
    expect(seen.invoices, JSON.stringify(seen)).to.be.above(0);
    expect(seen.autoCloses, JSON.stringify(seen)).to.be.above(0);
    expect(seen.expiries, JSON.stringify(seen)).to.be.above(0);
    expect(seen.shortfalls, JSON.stringify(seen)).to.be.above(0);
    expect(seen.approvals, JSON.stringify(seen)).to.be.above(0);
  });
});
