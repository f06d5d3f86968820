import { expect } from 'chai';
import type { RecordedEvent } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { FeedReader } from '../../apps/api/src/feed/feed-reader.js';
import { publishedValidators } from './feed-support/validators.js';
import { ApiHarness } from './support/harness.js';
import { created, numbered, settle, ticketBody } from './support/hour-bank-fixtures.js';
import type { HttpClient, HttpResult } from './support/http-client.js';

/** Tuesday 2030-06-04 09:00 in São Paulo (UTC−3). */
const NOW = '2030-06-04T12:00:00Z';

const refused = (result: HttpResult<any>, status: number, code?: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  if (code) expect(result.body.code, result.text).to.equal(code);
};
const ledger = async (reader: HttpClient, accountId: string): Promise<{ type: string; data: Record<string, unknown> }[]> =>
  (await reader.get(`/accounts/${accountId}/ledger?limit=500`)).body.events;
const typesOf = async (reader: HttpClient, accountId: string) => (await ledger(reader, accountId)).map((event) => event.type);

/**
 * Issue 15's renewal and scheduled termination over HTTP: a termination notice stops the monthly credits after the last
 * period and ends the contract at the first instant after it, as of then, whenever the scheduler runs; the last
 * period's shortfall is still invoiced; the lots left expire as DOMAIN.md says; a fixed-term contract renewed goes on
 * being credited; the report says when the contract ends or until when it was renewed.
 */
describe('renewal and scheduled termination of a contract, over HTTP', function () {
  this.timeout(180_000);
  let api: ApiHarness;
  let manager: HttpClient;
  let agent: HttpClient;
  let noticed: string;
  let fixed: string;
  let runsOn: string;
  let client: HttpClient;

  before(async () => {
    api = await ApiHarness.start({ testClock: true, env: { HOURBANK_SCHEDULER_INTERVAL_MS: '3600000' } });
    manager = await api.as('manager', { sub: 'manager-1' });
    agent = await api.as('agent', { sub: 'agent-1' });
    created(await manager.post('/admin/clock', { now: NOW }));
    const open = async (body: Record<string, unknown>) =>
      created(await manager.post('/accounts', { firstPeriod: '2030-06', overageRateCentsPerHour: 15000, plan: 'START', ...body })).id as string;
    noticed = await open({ clientName: 'Padaria Aviso' });
    fixed = await open({ clientName: 'Loja Prazo', lastPeriod: '2030-06' });
    runsOn = await open({ clientName: 'Oficina Contínua' });
    client = await api.as('client', { sub: 'client-n', accounts: [noticed] });
    await settle(manager);
  });
  after(() => api?.close());

  describe('a termination notice', () => {
    it('schedules the end at the end of a period to come, shown on the account', async () => {
      const outcome = created(await manager.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-07', reason: 'Aviso prévio de 30 dias' }));
      expect(outcome.events.map((e: { type: string }) => e.type)).to.deep.equal(['ContractEndScheduled']);
      expect((await manager.get(`/accounts/${fixed}`)).body.end).to.include({ lastPeriod: '2030-06', ended: false, reason: 'Contrato por prazo determinado' });
      expect((await client.get(`/accounts/${noticed}`)).body.end).to.deep.equal({
        lastPeriod: '2030-07', endsAt: '2030-08-01T03:00:00Z', reason: 'Aviso prévio de 30 dias', renewed: false, ended: false,
      });
    });

    it('refuses a period already over, a malformed one, no reason, an agent and a client, changing nothing', async () => {
      const before = (await ledger(manager, noticed)).length;
      refused(await manager.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-05', reason: 'tarde' }), 422, 'CONTRACT_END_MUST_BE_THE_END_OF_A_PERIOD_TO_COME');
      refused(await manager.put(`/accounts/${noticed}/termination`, { lastPeriod: 'julho', reason: 'x' }), 400);
      refused(await manager.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-08' }), 400);
      refused(await agent.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-08', reason: 'x' }), 403);
      refused(await client.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-08', reason: 'x' }), 403);
      refused(await manager.post(`/accounts/${runsOn}/renewals`, { lastPeriod: '2031-01' }), 422, 'CONTRACT_HAS_NO_END_TO_RENEW');
      expect((await ledger(manager, noticed)).length).to.equal(before);
    });

    it("stops the credits after the last period, ends the contract at its instant and still invoices the last period's shortfall", async () => {
      created(await manager.post('/admin/scheduler/advance', { to: '2030-07-10T12:00:00Z' }));
      created(await manager.post(`/accounts/${noticed}/adjustments`, { minutes: -360, reason: 'Migração: horas já usadas' }));
      const ticket = created(await client.post('/tickets', ticketBody(noticed))).id as string;
      await numbered(client, ticket);
      created(await agent.post(`/tickets/${ticket}/estimate`, { minutes: 60, expectedDeliveryAt: '2030-07-12T18:00:00Z' }));
      created(await client.post(`/tickets/${ticket}/approval`, { decision: 'approve' }));
      created(await agent.post(`/tickets/${ticket}/time-entries`, { minutes: 60, activity: 'development', performedOn: '2030-07-10' }));
      created(await agent.post(`/tickets/${ticket}/delivery`, { summary: 'Feito' }));
      created(await client.post(`/tickets/${ticket}/acceptance`));
      await settle(manager);
      // The scheduler runs only on 5 August: everything is dated at its own instant.
      created(await manager.post('/admin/scheduler/advance', { to: '2030-08-05T12:00:00Z' }));
      const events = await ledger(manager, noticed);
      expect(events.filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data.period)).to.deep.equal(['2030-06', '2030-07']);
      expect(events.find((e) => e.type === 'ContractEnded')?.data).to.deep.equal({ lastPeriod: '2030-07', reason: 'Aviso prévio de 30 dias', endedAt: '2030-08-01T03:00:00Z' });
      expect(events.find((e) => e.type === 'OverageInvoiced')?.data).to.include({ period: '2030-07', shortfallMinutes: 60, amountCents: 15000, invoicedAt: '2030-08-01T12:00:00Z' });
      expect((await client.get(`/accounts/${noticed}`)).body).to.deep.include({ status: 'cancelled' });
      expect((await client.get(`/accounts/${noticed}`)).body.end).to.include({ ended: true });
    });

    it('takes no new ticket, package, renewal or change once ended', async () => {
      const before = (await ledger(manager, noticed)).length;
      refused(await client.post('/tickets', ticketBody(noticed)), 422, 'CONTRACT_HAS_ENDED');
      refused(await manager.post(`/accounts/${noticed}/packages`, { minutes: 60 }), 422, 'CONTRACT_HAS_ENDED');
      refused(await manager.post(`/accounts/${noticed}/renewals`, { lastPeriod: '2030-12' }), 422, 'CONTRACT_HAS_ENDED');
      refused(await manager.put(`/accounts/${noticed}/termination`, { lastPeriod: '2030-12', reason: 'x' }), 422, 'CONTRACT_HAS_ENDED');
      expect((await ledger(manager, noticed)).length).to.equal(before);
    });

    it('says in the last period\'s report when the contract ended, and says nothing in a report of a contract that runs on', async () => {
      const report = await client.get(`/accounts/${noticed}/reports/2030-07`);
      expect(report.status, report.text).to.equal(200);
      expect(report.body.contractEnd).to.deep.equal({ lastPeriod: '2030-07', endsAt: '2030-08-01T03:00:00Z', renewed: false });
      expect((await client.get(`/accounts/${noticed}/reports/2030-07`, { headers: { accept: 'text/html' } })).text).to.include('Contrato encerrado em 31/07/2030');
      expect((await client.get(`/accounts/${noticed}/reports/2030-06`, { headers: { accept: 'text/html' } })).text).to.include('Contrato encerra em 31/07/2030');
      const ongoing = await manager.get(`/accounts/${runsOn}/reports/2030-06`);
      expect(ongoing.body).to.not.have.property('contractEnd');
    });
  });

  describe('a fixed-term contract', () => {
    it('opens with its last period; renewed before it ends, its credits go on until the new end', async () => {
      // The clock is in August now (the first fixed term ended after June, see below): open another one to renew in time.
      const term = created(await manager.post('/accounts', { clientName: 'Loja Prazo 2', plan: 'START', firstPeriod: '2030-08', lastPeriod: '2030-08', overageRateCentsPerHour: 15000 })).id;
      refused(await manager.post(`/accounts/${term}/renewals`, { lastPeriod: '2030-07' }), 422, 'RENEWAL_MUST_EXTEND_THE_CONTRACT');
      const renewal = created(await manager.post(`/accounts/${term}/renewals`, { lastPeriod: '2030-10' }));
      expect(renewal.events.map((e: { type: string }) => e.type)).to.include('ContractRenewed');
      created(await manager.post('/admin/scheduler/advance', { to: '2030-11-03T12:00:00Z' }));
      const events = await ledger(manager, term);
      expect(events.filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data.period)).to.deep.equal(['2030-08', '2030-09', '2030-10']);
      expect(events.find((e) => e.type === 'ContractEnded')?.data).to.include({ endedAt: '2030-11-01T03:00:00Z' });
      const report = await manager.get(`/accounts/${term}/reports/2030-08`, { headers: { accept: 'text/html' } });
      expect(report.text).to.include('Contrato renovado até 31/10/2030');
      // The first fixed term was not renewed: it ended after June, with June's lot still in the balance.
      const first = await ledger(manager, fixed);
      expect(first.filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data.period)).to.deep.equal(['2030-06']);
      expect(first.find((e) => e.type === 'ContractEnded')?.data).to.include({ endedAt: '2030-07-01T03:00:00Z' });
      expect((await manager.get(`/accounts/${fixed}`)).body).to.include({ balanceMinutes: 180 });
    });

    it('lets the lots left after the end expire as scheduled (12 months after their period)', async () => {
      created(await manager.post('/admin/scheduler/advance', { to: '2031-06-02T12:00:00Z' }));
      const expired = (await ledger(manager, fixed)).find((e) => e.type === 'LotExpired');
      expect(expired?.data).to.include({ lotId: 'plan-2030-06', minutes: 180, expiredAt: '2031-06-01T03:00:00Z' });
      expect((await manager.get(`/accounts/${fixed}`)).body).to.include({ balanceMinutes: 0 });
    });
  });

  describe('a withdrawn termination', () => {
    it('runs the contract on: the credits go on past the end it had', async () => {
      created(await manager.put(`/accounts/${runsOn}/termination`, { lastPeriod: '2031-06', reason: 'Cliente pediu rescisão' }));
      const withdrawal = created(await manager.delete(`/accounts/${runsOn}/termination`));
      expect(withdrawal.events.map((e: { type: string }) => e.type)).to.deep.equal(['ContractEndWithdrawn']);
      expect((await manager.get(`/accounts/${runsOn}`)).body.end).to.equal(null);
      created(await manager.post('/admin/scheduler/advance', { to: '2031-07-02T12:00:00Z' }));
      expect(await typesOf(manager, runsOn)).to.not.include('ContractEnded');
      expect((await ledger(manager, runsOn)).filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data.period)).to.include('2031-07');
    });
  });

  describe('a package-only contract with a term', () => {
    it('ends on time by its own deadline (it has no monthly credits to nudge it), keeping its package until it expires', async () => {
      const pkg = created(await manager.post('/accounts', { clientName: 'Avulso Prazo', kind: 'package', firstPeriod: '2031-07', lastPeriod: '2031-07', overageRateCentsPerHour: 15000 })).id;
      created(await manager.post(`/accounts/${pkg}/packages`, { minutes: 120, priceCents: 36000 }));
      created(await manager.post('/admin/scheduler/advance', { to: '2031-08-01T03:00:00Z' }));
      expect((await ledger(manager, pkg)).find((e) => e.type === 'ContractEnded')?.data).to.include({ lastPeriod: '2031-07', endedAt: '2031-08-01T03:00:00Z' });
      refused(await manager.post(`/accounts/${pkg}/packages`, { minutes: 60 }), 422, 'CONTRACT_HAS_ENDED');
      expect((await manager.get(`/accounts/${pkg}`)).body).to.include({ balanceMinutes: 120, status: 'cancelled' });
    });

    it('renewed, sells packages past its first end', async () => {
      const pkg = created(await manager.post('/accounts', { clientName: 'Avulso Renovado', kind: 'package', firstPeriod: '2031-08', lastPeriod: '2031-08', overageRateCentsPerHour: 15000 })).id;
      created(await manager.post(`/accounts/${pkg}/renewals`, { lastPeriod: '2031-09' }));
      created(await manager.post('/admin/scheduler/advance', { to: '2031-09-02T12:00:00Z' }));
      created(await manager.post(`/accounts/${pkg}/packages`, { minutes: 60, priceCents: 18000 }));
      expect(await typesOf(manager, pkg)).to.not.include('ContractEnded');
      expect((await manager.get(`/accounts/${pkg}`)).body).to.include({ balanceMinutes: 60, status: 'open' });
    });
  });

  describe('for downstream consumers', () => it('publishes every event of these contracts under a public schema it satisfies', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const recorded: RecordedEvent[] = [];
    for await (const event of store.readAll()) recorded.push(event);
    const ours = ['contract-end-scheduled', 'contract-end-withdrawn', 'contract-renewed', 'contract-ended'].map((name) => `hourbank.account.${name}.v1`);
    expect(ours.filter((type) => !recorded.some((event) => event.type === type)), 'types this spec stores').to.deep.equal([]);
    const validators = publishedValidators();
    const reader = new FeedReader(store);
    const failures: string[] = [];
    for (const event of recorded.filter((candidate) => ours.includes(candidate.type))) {
      const published = await reader.publish(event, { sub: 'auditor-1', role: 'auditor', accounts: [] });
      if (!validators.get(event.type)!(published)) failures.push(`${event.type} @${event.position}: ${JSON.stringify(validators.get(event.type)!.errors)}`);
    }
    expect(failures).to.deep.equal([]);
  }));
});
