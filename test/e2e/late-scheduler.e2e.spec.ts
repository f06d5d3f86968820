import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { quiesce } from '../../apps/worker/src/quiesce.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from './support/harness.js';
import { created } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

/** An app whose scheduler fires only when asked, its test clock at `now`, with one account and its client. */
async function lateApp(now: string, account: object, clientSub: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hourbank-late-'));
  writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now }));
  const api = await ApiHarness.start({ testClock: true, dataDir, env: { HOURBANK_SCHEDULER_INTERVAL_MS: '3600000' } });
  const manager = await api.as('manager');
  const accountId = created(await manager.post('/accounts', { clientName: 'Ltda', overageRateCentsPerHour: 6000, ...account })).id as string;
  const app = { api, manager, agent: await api.as('agent'), client: await api.as('client', { sub: clientSub, accounts: [accountId] }), accountId };
  const ledger = async () => created(await manager.get(`/accounts/${accountId}/ledger?limit=500`)).events as { type: string; data: any }[];
  const close = async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...app, ledger, close };
}

/*
 * Issue 17, observation 1, as a new user tried it: the scheduler fires only when asked
 * (HOURBANK_SCHEDULER_INTERVAL_MS=3600000), the test clock jumps over the start of May without firing, and the
 * client accepts on 3 May. May's 420 minutes were credited at 2027-05-01T00:00 local, before the close.
 */
describe('a late scheduler changes nothing: the close on 3 May finds May already credited', function () {
  this.timeout(120_000);
  let app: Awaited<ReturnType<typeof lateApp>>;
  let ticket: string;
  const ledger = () => app.ledger();
  const advance = async (to: string) => expect((await app.manager.post('/admin/scheduler/advance', { to })).status).to.equal(200);
  const catchUp = () => quiesce(app.api.app.get<EventStore>(EVENT_STORE), app.api.app.get(WorkerRuntime).admin, 30_000);
  const act = async (who: HttpClient, path: string, body: object = {}) => created(await who.post(`/tickets/${ticket}/${path}`, body));

  before(async () => {
    app = await lateApp('2027-03-20T12:00:00Z', { plan: 'BASIC', firstPeriod: '2027-04' }, 'late');
    const { manager, agent, client, accountId } = app;
    await advance('2027-04-05T12:00:00Z');
    ticket = created(await client.post('/tickets', { accountId, title: 'Migração', description: 'Mover os relatórios', category: 'support' })).id;
    const estimate = await act(agent, 'estimate', { minutes: 500, expectedDeliveryAt: '2027-04-30T20:00:00Z' });
    expect(estimate.events.at(-1).data).to.include({ availableMinutes: 420, approvalRequired: true });
    await act(client, 'approval', { decision: 'approve' });
    await act(agent, 'time-entries', { minutes: 500, activity: 'development', performedOn: '2027-04-05' });
    await advance('2027-04-29T13:00:00Z');
    await act(agent, 'delivery', { summary: 'Relatórios migrados' });
    created(await manager.post('/admin/clock', { now: '2027-05-03T13:00:00Z' }));
    await act(client, 'acceptance');
    await catchUp();
  });

  after(() => app?.close());

  it('debits the 500 minutes in full, 420 from April and 80 from May, with no shortfall', async () => {
    const debit = (await ledger()).find((event) => event.type === 'TicketDebited')!;
    expect(debit.data).to.include({ minutes: 500, covered: 500, shortfall: 0, period: '2027-05' });
    expect(debit.data.paidBy).to.deep.equal([{ lotId: 'plan-2027-04', minutes: 420 }, { lotId: 'plan-2027-05', minutes: 80 }]);
  });

  it("writes May's credit first, dated at May's first instant, by the system", async () => {
    const events = await ledger();
    const may = events.findIndex((event) => event.type === 'MonthlyPlanCredited' && event.data.period === '2027-05');
    expect(may).to.be.above(-1).and.below(events.findIndex((event) => event.type === 'TicketDebited'));
    expect(events[may]!.data.creditedAt).to.equal('2027-05-01T03:00:00Z');
  });

  it('invoices nothing and closes May at 340', async () => {
    await advance('2027-06-10T12:00:00Z');
    expect((await ledger()).some((event) => event.type === 'OverageInvoiced')).to.equal(false);
    const may = created(await app.manager.get(`/accounts/${app.accountId}/reports/2027-05?format=json`));
    expect(may).to.deep.include({ closingBalance: 340 });
    expect(may.overage).to.deep.include({ shortfallMinutes: 0, status: 'none' });
    expect(created(await app.manager.get(`/balances/${app.accountId}?asOf=2027-06-01T02:59:59.999Z`)).balanceMinutes).to.equal(340);
  });
});

/* Issue 17, observation 2: an automatic close takes effect at its due instant, whoever notices it. */
describe('an automatic close overdue while the scheduler is down', function () {
  this.timeout(120_000);
  let app: Awaited<ReturnType<typeof lateApp>>;
  let ticket: string;
  const act = (who: HttpClient, path: string, body: object = {}) => who.post(`/tickets/${ticket}/${path}`, body);
  const ledger = () => app.ledger();

  before(async () => {
    app = await lateApp('2027-08-20T12:00:00Z', { plan: 'START', firstPeriod: '2027-08' }, 'quiet');
    const { manager, agent, client, accountId } = app;
    await manager.post('/admin/scheduler/tick');
    ticket = created(await client.post('/tickets', { accountId, title: 'Ajuste', description: 'Um campo', category: 'support' })).id;
    // 200 minutes on a 180-minute balance: approved by the client (time past an approved estimate needs a new approval).
    created(await act(agent, 'estimate', { minutes: 200, expectedDeliveryAt: '2027-08-31T20:00:00Z' }));
    created(await act(client, 'approval', { decision: 'approve' }));
    created(await act(agent, 'time-entries', { minutes: 200, activity: 'development', performedOn: '2027-08-20' }));
    // Delivered Monday 23 August 2027, 15:00 local: five business days later is Monday 30 August, 15:00 local.
    created(await manager.post('/admin/clock', { now: '2027-08-23T18:00:00Z' }));
    created(await act(agent, 'delivery', { summary: 'Campo criado' }));
    // The scheduler is down across the month end: nothing fires until 3 September.
    created(await manager.post('/admin/clock', { now: '2027-09-03T15:00:00Z' }));
  });

  after(() => app?.close());

  it('refuses a late revision request: the ticket closed itself at its due instant (TICKET_IS_CLOSED)', async () => {
    const late = await act(app.client, 'revision-requests', { reason: 'Faltou algo' });
    expect(late.status, late.text).to.equal(422);
    expect(late.body.code).to.equal('TICKET_IS_CLOSED');
    expect(late.body.details).to.deep.include({ how: 'autoClosed', closedAt: '2027-08-30T18:00:00Z' });
    expect((await app.client.get(`/tickets/${ticket}`)).body).to.include({ status: 'closed' });
  });

  it('debits it in August, before September\'s credit and August\'s invoice, when the account is next touched', async () => {
    created(await app.manager.post(`/accounts/${app.accountId}/packages`, { minutes: 60 }));
    const events = await ledger();
    const debit = events.find((event) => event.type === 'TicketDebited')!;
    expect(debit.data).to.include({ endedAt: '2027-08-30T18:00:00Z', period: '2027-08', covered: 180, shortfall: 20 });
    const order = events.map((event) => (event.type === 'MonthlyPlanCredited' ? `credit ${event.data.period}` : event.type));
    // The shortfall and the empty balance are alerted with the debit that caused them (issue 15), at the close's instant.
    expect(order.slice(order.indexOf('TicketDebited'))).to.deep.equal(['TicketDebited', 'ShortfallAlerted', 'LowBalanceAlerted', 'credit 2027-09', 'OverageInvoiced', 'PackagePurchased']);
    expect(events.find((event) => event.type === 'ShortfallAlerted')!.data).to.include({ period: '2027-08', shortfallMinutes: 20, alertedAt: '2027-08-30T18:00:00Z' });
    // Wednesday 1 September 2027, 09:00 local: 20 minutes × R$ 60,00/h.
    expect(events.find((event) => event.type === 'OverageInvoiced')!.data).to.include({ period: '2027-08', amountCents: 2000, invoicedAt: '2027-09-01T12:00:00Z' });
  });

  it('records the close dated at its due instant, by the system', async () => {
    const history = created(await app.manager.get(`/tickets/${ticket}/history`)).events as { type: string; data: any; metadata: any }[];
    const closed = history.find((event) => event.type === 'TicketClosed')!;
    expect(closed.data).to.include({ how: 'autoClosed', closedAt: '2027-08-30T18:00:00Z' });
    expect(closed.metadata).to.include({ actor: 'system', occurredAt: '2027-09-03T15:00:00Z' });
  });
});
