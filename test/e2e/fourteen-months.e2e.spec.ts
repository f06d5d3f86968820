import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { ApiHarness } from './support/harness.js';
import { created } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

/*
 * The domain's 14-month story (libs/hour-bank/src/domain/account/fourteen-month-story.unit.spec.ts) driven
 * over HTTP with the test clock: a START account (180 min a month, R$ 150,30/h overage) on the default
 * calendar (São Paulo, UTC−3, so local midnight is 03:00Z), opened for January 2026. Credits, expiries, debits
 * and the overage invoice come from the reactors and the scheduler; the test only moves the clock. Added to the
 * story: T2 misses its first response, T3 misses its delivery promise, T4 is closed automatically.
 */
describe('fourteen months of a START account, driven over HTTP with the test clock', function () {
  this.timeout(180_000);
  let api: ApiHarness;
  let dataDir: string;
  let manager: HttpClient;
  let agent: HttpClient;
  let client: HttpClient;
  let accountId: string;
  const tickets: Record<string, string> = {};
  const closings: Record<string, number> = {};

  const advance = async (to: string) => expect((await manager.post('/admin/scheduler/advance', { to })).status).to.equal(200);
  const balance = async (asOf?: string) => created(await manager.get(`/balances/${accountId}${asOf ? `?asOf=${asOf}` : ''}`));
  const history = async (path: string) => created(await manager.get(`${path}/history?limit=500`)).events as { type: string; data: any }[];
  const ledger = async () => created(await manager.get(`/accounts/${accountId}/ledger?limit=500`)).events as { type: string; data: any }[];
  const act = async (client: HttpClient, name: string, path: string, body: object = {}) =>
    created(await client.post(`/tickets/${tickets[name]}/${path}`, body));

  const open = async (name: string) => {
    const body = { accountId, title: `Demanda ${name}`, description: 'Ajuste no relatório', category: 'support' };
    tickets[name] = created(await client.post('/tickets', body)).id;
  };
  const estimate = (name: string, minutes: number, expectedDeliveryAt: string) => act(agent, name, 'estimate', { minutes, expectedDeliveryAt });
  const work = async (name: string, minutes: number, performedOn: string) => {
    await act(agent, name, 'time-entries', { minutes, activity: 'development', performedOn });
    await act(agent, name, 'delivery', { summary: 'Entregue' });
  };
  const accept = async (name: string) => {
    await act(client, name, 'acceptance');
    await manager.post('/admin/scheduler/tick');
  };
  /** A ticket answered, estimated, worked, delivered and accepted at the clock's instant. */
  const quickTicket = async (name: string, minutes: number, day: string) => {
    await open(name);
    await estimate(name, minutes, `${day}T20:00:00Z`);
    await work(name, minutes, day);
    await accept(name);
  };
  /** The balance at the last millisecond of the period, read then (as of now). */
  const closeMonth = async (period: string) => {
    const next = Temporal.PlainYearMonth.from(period).add({ months: 1 }).toString();
    await advance(Temporal.Instant.from(`${next}-01T03:00:00Z`).subtract({ milliseconds: 1 }).toString());
    closings[period] = (await balance()).balanceMinutes;
  };
  const beforeExpiry: Record<string, number> = {};

  const year2026 = async () => {
    await advance('2026-01-20T18:00:00Z');
    await quickTicket('T1', 45, '2026-01-20');
    await closeMonth('2026-01');
    await advance('2026-02-10T12:00:00Z'); // Tuesday 09:00 local; 240 business minutes: due 13:00 local
    await open('T2');
    await advance('2026-02-10T18:00:00Z');
    await estimate('T2', 60, '2026-02-11T18:00:00Z');
    await work('T2', 60, '2026-02-10');
    await accept('T2');
    await closeMonth('2026-02');
    await advance('2026-03-18T12:00:00Z');
    await open('T3');
    await estimate('T3', 30, '2026-03-18T19:00:00Z'); // 16:00 local
    await act(agent, 'T3', 'time-entries', { minutes: 30, activity: 'analysis', performedOn: '2026-03-18' });
    await advance('2026-03-18T20:30:00Z');
    await act(agent, 'T3', 'delivery', { summary: 'Entregue com atraso' });
    await accept('T3');
    for (const period of ['2026-03', '2026-04', '2026-05']) await closeMonth(period);
    await advance('2026-06-09T18:00:00Z'); // Tuesday 15:00 local; 5 business days later: Tuesday 16 June, 15:00 local
    await open('T4');
    await estimate('T4', 20, '2026-06-10T18:00:00Z');
    await work('T4', 20, '2026-06-09');
    for (const period of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']) await closeMonth(period);
    beforeExpiry.justBefore = (await balance('2027-01-01T02:59:59.999Z')).balanceMinutes;
    beforeExpiry.atExpiry = (await balance('2027-01-01T03:00:00Z')).balanceMinutes;
  };

  const year2027 = async () => {
    await advance('2027-01-05T14:00:00Z');
    await open('T5');
    await estimate('T5', 2200, '2027-01-29T18:00:00Z');
    await manager.post('/admin/scheduler/tick');
    beforeExpiry.availableAfterT5 = (await balance()).availableMinutes;
    await open('T6');
    await estimate('T6', 31, '2027-01-29T18:00:00Z');
    await act(client, 'T5', 'approval', { decision: 'approve' });
    await act(client, 'T6', 'approval', { decision: 'approve' });
    await advance('2027-01-20T18:00:00Z');
    await work('T5', 2205, '2027-01-20');
    await accept('T5');
    await advance('2027-01-28T18:00:00Z');
    await work('T6', 31, '2027-01-28');
    await accept('T6');
    await closeMonth('2027-01');
    await advance('2027-02-15T18:00:00Z');
    await quickTicket('T7', 40, '2027-02-15');
    await closeMonth('2027-02');
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-14m-'));
    writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: '2025-12-15T12:00:00Z' }));
    api = await ApiHarness.start({ testClock: true, dataDir });
    manager = await api.as('manager');
    agent = await api.as('agent');
    const opened = await manager.post('/accounts', { clientName: 'Acme Ltda', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 15030 });
    accountId = created(opened).id;
    client = await api.as('client', { sub: 'acme', accounts: [accountId] });
    await year2026();
    await year2027();
  });

  after(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('credits each period at its first instant, fourteen times', async () => {
    const credits = (await ledger()).filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data);
    expect(credits.map((c) => c.period)).to.deep.equal([...Array(14).keys()].map((i) => Temporal.PlainYearMonth.from('2026-01').add({ months: i }).toString()));
    for (const credit of credits) expect(credit.creditedAt, credit.period).to.equal(`${credit.period}-01T03:00:00Z`);
    expect(credits.every((c) => c.minutes === 180)).to.equal(true);
  });

  it('closes every month with the balance the story predicts', () =>
    expect(closings).to.deep.equal({
      '2026-01': 135, '2026-02': 255, '2026-03': 405, '2026-04': 585, '2026-05': 765, '2026-06': 925, '2026-07': 1105,
      '2026-08': 1285, '2026-09': 1465, '2026-10': 1645, '2026-11': 1825, '2026-12': 2005, '2027-01': 0, '2027-02': 140,
    }));

  it("drops January 2026's 25 unused minutes at 2027-01-01T03:00Z, even before the expiry event is written", () =>
    // As of that instant the log says: the 25 minutes are gone and January 2027's 180 are credited (both due then).
    expect([beforeExpiry.justBefore, beforeExpiry.atExpiry]).to.deep.equal([2005, 2005 - 25 + 180]));

  it('writes the expiry once, at its instant, before the new credit', async () => {
    const events = await ledger();
    const expiries = events.filter((e) => e.type === 'LotExpired');
    expect(expiries.map((e) => e.data)).to.deep.equal([{ lotId: 'plan-2026-01', minutes: 25, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' }]);
    const credit = events.findIndex((e) => e.type === 'MonthlyPlanCredited' && e.data.period === '2027-01');
    expect(events.indexOf(expiries[0]!)).to.be.below(credit);
  });

  it('reserves T5\'s estimate, leaving −40 available to others', () => expect(beforeExpiry.availableAfterT5).to.equal(-40));

  it('debits every ticket FIFO; January 2027 is 76 minutes short', async () => {
    const debits = (await ledger()).filter((e) => e.type === 'TicketDebited').map((e) => e.data);
    const byTicket = Object.fromEntries(Object.entries(tickets).map(([name, id]) => [id, name]));
    expect(debits.map((d) => [byTicket[d.ticketId], d.minutes, d.covered, d.shortfall, d.period])).to.deep.equal([
      ['T1', 45, 45, 0, '2026-01'], ['T2', 60, 60, 0, '2026-02'], ['T3', 30, 30, 0, '2026-03'], ['T4', 20, 20, 0, '2026-06'],
      ['T5', 2205, 2160, 45, '2027-01'], ['T6', 31, 0, 31, '2027-01'], ['T7', 40, 40, 0, '2027-02'],
    ]);
  });

  it('invoices the 76 minutes once, R$ 190,38, at the opening of Monday 1 February 2027', async () => {
    const { invoices, lastInvoice } = await balance();
    const invoice = { period: '2027-01', shortfallMinutes: 76, rateCentsPerHour: 15030, amountCents: 19038, invoicedAt: '2027-02-01T12:00:00Z' };
    expect(invoices).to.deep.equal([invoice]);
    expect(lastInvoice).to.deep.equal(invoice);
  });

  it('closes T4 by itself five business days after its delivery', async () => {
    const closed = (await history(`/tickets/${tickets.T4}`)).filter((e) => e.type === 'TicketClosed');
    expect(closed.map((e) => [e.data.how, e.data.closedAt])).to.deep.equal([['autoClosed', '2026-06-16T18:00:00Z']]);
  });

  it('records exactly two breaches, each once, with its due time', async () => {
    const breaches: [string, unknown][] = [];
    for (const [name, id] of Object.entries(tickets)) {
      for (const e of await history(`/tickets/${id}`)) if (e.type === 'SlaBreached') breaches.push([name, e.data]);
    }
    expect(breaches).to.deep.equal([
      ['T2', { ticketId: tickets.T2, kind: 'firstResponse', dueAt: '2026-02-10T16:00:00Z' }],
      ['T3', { ticketId: tickets.T3, kind: 'deliveryPromise', dueAt: '2026-03-18T19:00:00Z' }],
    ]);
    const listed = created(await manager.get(`/sla/timers?accountId=${accountId}&status=breached`));
    expect(listed.items.map((t: { ticketId: string; kind: string }) => [t.ticketId, t.kind])).to.have.deep.members([
      [tickets.T2, 'firstResponse'], [tickets.T3, 'deliveryPromise'],
    ]);
  });

  it('ends with the read model equal to the folded account: 140 in one lot', async () => {
    const folded = created(await manager.get(`/accounts/${accountId}`));
    const read = await balance();
    expect([read.balanceMinutes, read.availableMinutes, read.lots]).to.deep.equal([folded.balanceMinutes, folded.availableMinutes, folded.lots]);
    expect(read.lots).to.deep.equal([{ lotId: 'plan-2027-02', source: 'plan', period: '2027-02', minutes: 140, expiresAt: '2028-02-01T03:00:00Z' }]);
  });
});
