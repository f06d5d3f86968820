import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { ApiHarness } from './support/harness.js';
import { created, settle } from './support/hour-bank-fixtures.js';
import type { HttpClient, HttpResult } from './support/http-client.js';

/** Tuesday 2030-06-04 09:00 in São Paulo (UTC−3). */
const NOW = '2030-06-04T12:00:00Z';

const refused = (result: HttpResult<any>, status: number, code: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(result.body.code, result.text).to.equal(code);
};
const ledgerTypes = async (reader: HttpClient, accountId: string): Promise<string[]> =>
  ((await reader.get(`/accounts/${accountId}/ledger?limit=500`)).body.events as { type: string }[]).map((event) => event.type);

/** The São Paulo month of an instant: the period a fact at that instant belongs to. */
const periodOf = (instant: string): string => Temporal.Instant.from(instant).toZonedDateTimeISO('America/Sao_Paulo').toPlainDate().toString().slice(0, 7);

/**
 * Issue 15 over HTTP: package-only contracts, the plan catalog, the account manager and the plan's channels, amendments
 * from a period, alert settings and the alerts they cause, and recurring maintenance tickets.
 */
describe('contracts an agency sells, over HTTP', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let manager: HttpClient;
  let agent: HttpClient;
  let packageOnly: string;
  let basic: string;
  let start: string;
  let packageClient: HttpClient;
  let staffId: string;

  before(async () => {
    api = await ApiHarness.start({ testClock: true, env: { HOURBANK_SCHEDULER_INTERVAL_MS: '3600000' } });
    manager = await api.as('manager', { sub: 'manager-1' });
    agent = await api.as('agent', { sub: 'agent-1' });
    created(await manager.post('/admin/clock', { now: NOW }));
    const open = async (body: Record<string, unknown>) =>
      created(await manager.post('/accounts', { firstPeriod: '2030-06', overageRateCentsPerHour: 15000, ...body })).id as string;
    packageOnly = await open({ clientName: 'Loja Avulsa', kind: 'package' });
    basic = await open({ clientName: 'Agência Básica', plan: 'BASIC' });
    start = await open({ clientName: 'Padaria Start', plan: 'START' });
    packageClient = await api.as('client', { sub: 'client-p', accounts: [packageOnly] });
    staffId = created(await manager.post('/users', { email: 'carla@agencia.example', name: 'Carla Gerente', role: 'agent' })).id;
    await settle(manager);
  });
  after(() => api?.close());

  describe('a package-only contract (pacote único)', () => {
    it('opens without a plan: no plan terms, no monthly credit', async () => {
      const account = (await packageClient.get(`/accounts/${packageOnly}`)).body;
      expect(account).to.include({ kind: 'package', plan: null, balanceMinutes: 0 });
      expect(account.firstResponseBusinessMinutes).to.be.a('number');
    });

    it('sells a package at its price, and the package is the balance', async () => {
      const sold = created(await manager.post(`/accounts/${packageOnly}/packages`, { minutes: 600, priceCents: 180000 }));
      expect(sold.events.find((e: { type: string }) => e.type === 'PackagePurchased').data).to.include({ minutes: 600, priceCents: 180000 });
      expect((await packageClient.get(`/accounts/${packageOnly}`)).body).to.include({ balanceMinutes: 600 });
    });

    it('gets no credit when the next period starts', async () => {
      created(await manager.post('/admin/scheduler/advance', { to: '2030-07-02T12:00:00Z' }));
      expect((await packageClient.get(`/accounts/${packageOnly}`)).body).to.include({ balanceMinutes: 600, kind: 'package' });
      expect(await ledgerTypes(manager, packageOnly)).to.not.include('MonthlyPlanCredited');
      expect(await ledgerTypes(manager, basic)).to.include('MonthlyPlanCredited');
    });

    it("shows in the monthly report: the package is the period's only credit", async () => {
      const report = await packageClient.get(`/accounts/${packageOnly}/reports/2030-06`);
      expect(report.status, report.text).to.equal(200);
      expect(report.body).to.include({ plan: null, openingBalance: 0, closingBalance: 600 });
      expect(report.body.credits.items.map((line: { source: string; minutes: number; priceCents: number | null }) => [line.source, line.minutes, line.priceCents]), report.text)
        .to.deep.equal([['package', 600, 180000]]);
      expect(report.body.packageSales).to.deep.equal({ count: 1, minutes: 600, revenueCents: 180000, unpricedCount: 0 });
      const summary = await packageClient.get(`/accounts/${packageOnly}/reports/2030-06?format=csv-summary`);
      expect(summary.text).to.include('Plano;Pacote único (sem crédito mensal);').and.include('Receita de pacotes do período;R$ 1.800,00;');
      expect((await packageClient.get(`/accounts/${packageOnly}/reports/2030-06?format=csv`)).text).to.include('Preço: R$ 1.800,00');
      const page = await packageClient.get(`/accounts/${packageOnly}/reports/2030-06`, { headers: { accept: 'text/html' } });
      expect(page.text).to.include('Pacote único (sem crédito mensal)');
    });

    it('refuses a plan contract without a plan, as Problem Details', async () =>
      expect((await manager.post('/accounts', { clientName: 'Sem plano', firstPeriod: '2030-07', overageRateCentsPerHour: 1 })).status).to.equal(400));
  });

  describe('the plan catalog', () => {
    it('is read by everyone, with extras and the versions', async () => {
      const catalog = await packageClient.get('/plans');
      expect(catalog.status, catalog.text).to.equal(200);
      const byCode = Object.fromEntries(catalog.body.plans.map((plan: { code: string }) => [plan.code, plan]));
      expect(byCode.START).to.include({ monthlyMinutes: 180 });
      expect(byCode.BASIC.extras).to.include.members(['whatsapp-group', 'account-manager']);
      expect(byCode.ADVANCED.extras).to.include('emergency-whatsapp-group');
      expect(catalog.body.scheduled).to.deep.equal([]);
    });

    it('is revised by a manager from a later period; the current period keeps its terms', async () => {
      const revision = { monthlyMinutes: 480, firstResponseBusinessMinutes: 180, extras: ['whatsapp-group', 'account-manager'], priceCents: 99000, effectiveFrom: '2030-09' };
      created(await manager.put('/plans/BASIC', revision));
      const now = (await agent.get('/plans')).body;
      expect(now.plans.find((plan: { code: string }) => plan.code === 'BASIC').monthlyMinutes).to.equal(420);
      expect(now.scheduled).to.have.length(1);
      expect(now.scheduled[0]).to.include({ code: 'BASIC', monthlyMinutes: 480, priceCents: 99000, effectiveFrom: '2030-09' });
      const september = (await agent.get('/plans?period=2030-09')).body;
      expect(september.plans.find((plan: { code: string }) => plan.code === 'BASIC')).to.include({ monthlyMinutes: 480, priceCents: 99000 });
    });

    it('refuses an agent, an unknown plan and a malformed revision', async () => {
      expect((await agent.put('/plans/BASIC', { monthlyMinutes: 1, firstResponseBusinessMinutes: 1, extras: [] })).status).to.equal(403);
      refused(await manager.put('/plans/GOLD', { monthlyMinutes: 1, firstResponseBusinessMinutes: 1, extras: [] }), 404, 'PLAN_NOT_FOUND');
      expect((await manager.put('/plans/START', { monthlyMinutes: 1.5, firstResponseBusinessMinutes: 1, extras: ['pony'] })).status).to.equal(400);
      expect((await agent.get('/plans?period=2030-13')).status).to.equal(400);
    });
  });

  describe("the account manager and the plan's channels", () => {
    it('names a staff user account manager of a BASIC account', async () => {
      created(await manager.put(`/accounts/${basic}/account-manager`, { userId: staffId }));
      const account = (await manager.get(`/accounts/${basic}`)).body;
      expect(account.accountManager).to.deep.equal({ userId: staffId, name: 'Carla Gerente' });
      expect(account.extras).to.include('account-manager');
    });

    it('refuses one on a START account, and a user nobody knows', async () => {
      refused(await manager.put(`/accounts/${start}/account-manager`, { userId: staffId }), 422, 'PLAN_HAS_NO_ACCOUNT_MANAGER');
      refused(await manager.put(`/accounts/${basic}/account-manager`, { userId: 'nobody' }), 422, 'USER_IS_UNKNOWN');
    });

    it('removes the account manager', async () => {
      created(await manager.delete(`/accounts/${basic}/account-manager`));
      expect((await manager.get(`/accounts/${basic}`)).body.accountManager).to.equal(null);
    });

    it("sets the WhatsApp group the plan includes, and refuses the emergency group it does not", async () => {
      created(await manager.put(`/accounts/${basic}/support-channels`, { whatsappGroup: 'https://chat.whatsapp.com/AbCd' }));
      expect((await manager.get(`/accounts/${basic}`)).body.channels).to.deep.equal({ whatsappGroup: 'https://chat.whatsapp.com/AbCd' });
      refused(await manager.put(`/accounts/${basic}/support-channels`, { emergencyWhatsappGroup: '+55 11 90000-0000' }), 422, 'PLAN_HAS_NO_EMERGENCY_WHATSAPP_GROUP');
    });
  });

  describe('amendments from a period', () => {
    it('schedules a new rate and name from a period that has not started', async () => {
      created(await manager.post(`/accounts/${start}/amendments`, { effectiveFrom: '2030-09', overageRateCentsPerHour: 20000, clientName: 'Padaria Start Ltda', reason: 'Aditivo 1' }));
      const account = (await manager.get(`/accounts/${start}`)).body;
      expect(account).to.include({ clientName: 'Padaria Start', overageRateCentsPerHour: 15000 });
      expect(account.scheduledAmendments).to.deep.equal([{ from: '2030-09', overageRateCentsPerHour: 20000, clientName: 'Padaria Start Ltda' }]);
    });

    it('applies them once the period comes', async () => {
      created(await manager.post('/admin/scheduler/advance', { to: '2030-09-02T12:00:00Z' }));
      const account = (await manager.get(`/accounts/${start}`)).body;
      expect(account).to.include({ clientName: 'Padaria Start Ltda', overageRateCentsPerHour: 20000 });
      expect(account.scheduledAmendments).to.deep.equal([]);
    });

    it('refuses a period that has started, and an amendment without a reason', async () => {
      refused(await manager.post(`/accounts/${start}/amendments`, { effectiveFrom: '2030-09', overageRateCentsPerHour: 1, reason: 'x' }), 422, 'AMENDMENT_MUST_START_IN_A_FUTURE_PERIOD');
      expect((await manager.post(`/accounts/${start}/amendments`, { effectiveFrom: '2031-01', overageRateCentsPerHour: 1 })).status).to.equal(400);
    });
  });

  describe('alerts', () => {
    let alertPeriod: string;
    it('records a low-balance alert once the balance goes under the threshold', async () => {
      created(await manager.put(`/accounts/${packageOnly}/alert-settings`, { lowBalanceMinutes: 500, expiringWithinDays: 30 }));
      expect((await manager.get(`/accounts/${packageOnly}`)).body.alertSettings).to.deep.equal({ lowBalanceMinutes: 500, expiringWithinDays: 30 });
      created(await manager.post(`/accounts/${packageOnly}/adjustments`, { minutes: -150, reason: 'Lançamento duplicado' }));
      const ledger = (await manager.get(`/accounts/${packageOnly}/ledger?limit=500`)).body.events as { type: string; data: Record<string, unknown> }[];
      const alert = ledger.find((event) => event.type === 'LowBalanceAlerted');
      expect(alert?.data, JSON.stringify(ledger.map((e) => e.type))).to.include({ balanceMinutes: 450, thresholdMinutes: 500 });
      alertPeriod = periodOf((alert!.data as { alertedAt: string }).alertedAt);
      const report = (await packageClient.get(`/accounts/${packageOnly}/reports/${alertPeriod}`)).body;
      expect(report.alerts.items, JSON.stringify(report.alerts)).to.deep.equal([{
        kind: 'lowBalance', at: (alert!.data as { alertedAt: string }).alertedAt, minutes: 450, thresholdMinutes: 500, amountCents: null, lot: null,
        dueAt: null, ticket: null, slaKind: null,
      }]);
      const summary = await packageClient.get(`/accounts/${packageOnly}/reports/${alertPeriod}?format=csv-summary`);
      expect(summary.text).to.include('Alertas emitidos no período;1;');
    });

    it('announces a lot 30 days before it expires, at that instant', async () => {
      // The package of 2030-06 expires at the first instant of 2031-06 (São Paulo): announced 30 days before, on 2031-05-02 at midnight there.
      created(await manager.post('/admin/scheduler/advance', { to: '2031-05-02T12:00:00Z' }));
      const ledger = (await manager.get(`/accounts/${packageOnly}/ledger?limit=500`)).body.events as { type: string; data: Record<string, unknown> }[];
      const expiring = ledger.filter((event) => event.type === 'LotExpiringSoonAlerted');
      expect(expiring, JSON.stringify(ledger.map((e) => e.type))).to.have.length(1);
      expect(expiring[0]!.data).to.include({ minutes: 450, expiresAt: '2031-06-01T03:00:00Z', alertedAt: '2031-05-02T03:00:00Z' });
      const report = (await packageClient.get(`/accounts/${packageOnly}/reports/2031-05`)).body;
      expect(report.alerts.items.map((a: { kind: string; at: string; minutes: number; dueAt: string; lot: { label: string } }) => [a.kind, a.at, a.minutes, a.dueAt, a.lot.label]))
        .to.deep.equal([['lotExpiringSoon', '2031-05-02T03:00:00Z', 450, '2031-06-01T03:00:00Z', 'Pacote de 04/06/2030']]);
      expect((await packageClient.get(`/accounts/${packageOnly}/reports/${alertPeriod}`)).body.alerts.items.map((a: { kind: string }) => a.kind)).to.deep.equal(['lowBalance']);
    });
  });

  describe('recurring maintenance', () => {
    let scheduleId: string;
    it('schedules a backup ticket every month on a day at a local time', async () => {
      const result = created(await manager.post(`/accounts/${basic}/maintenance-schedules`, {
        kind: 'backup', title: 'Backup mensal', description: 'Conferir e testar o backup', everyMonths: 1, dayOfMonth: 5, localTime: '09:00', firstPeriod: '2031-05',
      }));
      scheduleId = result.events.find((e: { type: string }) => e.type === 'MaintenanceScheduled').data.scheduleId;
      const [schedule] = (await manager.get(`/accounts/${basic}`)).body.maintenance;
      expect(schedule).to.include({ scheduleId, kind: 'backup', next: '2031-05', nextDueAt: '2031-05-05T12:00:00Z' });
    });

    it('opens the ticket when it is due, as of the due instant, once', async () => {
      created(await manager.post('/admin/scheduler/advance', { to: '2031-05-06T12:00:00Z' }));
      await settle(manager);
      const list = (await agent.get(`/tickets?accountId=${basic}&category=recurring_maintenance`)).body;
      expect(list.items, JSON.stringify(list)).to.have.length(1);
      const ticket = (await agent.get(`/tickets/${list.items[0].ticketId}`)).body;
      expect(ticket).to.include({ title: 'Backup mensal', status: 'open', openedAt: '2031-05-05T12:00:00Z' });
      expect(ticket.maintenance).to.include({ scheduleId, occurrence: '2031-05', kind: 'backup' });
    });

    it('opens nothing more once the schedule ended', async () => {
      created(await manager.delete(`/accounts/${basic}/maintenance-schedules/${scheduleId}`));
      created(await manager.post('/admin/scheduler/advance', { to: '2031-07-06T12:00:00Z' }));
      await settle(manager);
      expect((await agent.get(`/tickets?accountId=${basic}&category=recurring_maintenance`)).body.items).to.have.length(1);
    });

    it('refuses a day some months lack', async () =>
      expect((await manager.post(`/accounts/${basic}/maintenance-schedules`, {
        kind: 'backup', title: 'x', everyMonths: 1, dayOfMonth: 31, localTime: '09:00', firstPeriod: '2031-08',
      })).status).to.equal(400));
  });
});
