import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ReadModels } from '../../apps/worker/src/read-models.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from './support/harness.js';
import { created } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 17's rule, with the deadlines projection stopped (embedded) or its claim held by a stalled worker
 * (PostgreSQL): the projection never learns of the delivery, so no due item exists and no scheduler can fire the
 * automatic close. An account command after the due instant still carries it out first, at its due instant,
 * because the due closes are read from the account's and the tickets' streams, not from a read model.
 */
for (const backend of ['SQLite', 'PostgreSQL'] as const) {
  describe(`an automatic close due while the deadlines projection is stopped (${backend})`, function () {
    this.timeout(180_000);
    let api: ApiHarness;
    let dataDir: string;
    let manager: HttpClient;
    let ticket: string;
    let accountId: string;
    let runtime: WorkerRuntime;
    const act = (who: HttpClient, path: string, body: object = {}) => who.post(`/tickets/${ticket}/${path}`, body);
    const ledger = async () => created(await manager.get(`/accounts/${accountId}/ledger?limit=500`)).events as { type: string; data: any; metadata: any }[];
    const history = async () => created(await manager.get(`/tickets/${ticket}/history`)).events as { type: string; data: any; metadata: any }[];
    const deadlines = async () => (await runtime.admin.status()).consumers.find((c) => c.name === 'deadlines')!;

    /** Embedded: the runner stops. PostgreSQL: another "worker" holds the claim and never moves it, as a stalled one would. */
    async function stopDeadlines(): Promise<void> {
      if (backend === 'SQLite') return runtime.admin.projection('deadlines').stop();
      const pool = api.app.get(ReadModels).pool!;
      await pool.query(`UPDATE consumer_claims SET holder = 'stalled-worker', expires_at = now() + interval '1 hour' WHERE consumer = 'deadlines'`);
      for (let i = 0; i < 200 && (await deadlines()).holder !== 'stalled-worker'; i++) await sleep(50);
      // The worker notices at its next renewal (a third of the claim TTL) and stops folding.
      await sleep(1500);
    }

    async function startDeadlines(): Promise<void> {
      if (backend === 'SQLite') return runtime.admin.projection('deadlines').start();
      await api.app.get(ReadModels).pool!.query(`UPDATE consumer_claims SET holder = NULL, expires_at = NULL WHERE consumer = 'deadlines'`);
    }

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'hourbank-due-close-'));
      writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: '2027-08-20T12:00:00Z' }));
      api = await ApiHarness.start({
        testClock: true, dataDir, postgres: backend === 'PostgreSQL',
        env: { HOURBANK_SCHEDULER_INTERVAL_MS: '3600000', HOURBANK_CLAIM_TTL_MS: '1500' },
      });
      runtime = api.app.get(WorkerRuntime);
      manager = await api.as('manager');
      accountId = created(await manager.post('/accounts', { clientName: 'Ltda', overageRateCentsPerHour: 6000, plan: 'START', firstPeriod: '2027-08' })).id;
      const client = await api.as('client', { sub: 'quiet', accounts: [accountId] });
      const agent = await api.as('agent');
      created(await manager.post('/admin/scheduler/tick'));
      ticket = created(await client.post('/tickets', { accountId, title: 'Ajuste', description: 'Um campo', category: 'support' })).id;
      // 200 minutes on a 180-minute balance: approved by the client (time past an approved estimate needs a new approval).
      created(await act(agent, 'estimate', { minutes: 200, expectedDeliveryAt: '2027-08-31T20:00:00Z' }));
      created(await act(client, 'approval', { decision: 'approve' }));
      created(await act(agent, 'time-entries', { minutes: 200, activity: 'development', performedOn: '2027-08-20' }));
      created(await manager.post('/admin/scheduler/tick'));
      await stopDeadlines();
      // Delivered Monday 23 August 2027, 15:00 local: five business days later is Monday 30 August, 15:00 local.
      created(await manager.post('/admin/clock', { now: '2027-08-23T18:00:00Z' }));
      created(await act(agent, 'delivery', { summary: 'Campo criado' }));
      created(await manager.post('/admin/clock', { now: '2027-09-03T15:00:00Z' }));
    });

    after(async () => {
      await api?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const autoCloseItems = (where = '') => api.app.get(ReadModels).reader.all(`SELECT key FROM due_items WHERE kind = 'ticket.auto-close'${where}`);

    it('the deadlines projection has not seen the delivery: no auto-close item exists for a scheduler to fire', async () => {
      const status = await deadlines();
      expect(status.position).to.be.below(status.headPosition);
      expect(status.lag, 'the delivery and what followed are unread').to.be.greaterThan(0);
      expect(await autoCloseItems()).to.deep.equal([]);
    });

    it('an account command carries out the close at its due instant and debits it in August, before what came due later', async () => {
      created(await manager.post(`/accounts/${accountId}/packages`, { minutes: 60 }));
      const closed = (await history()).find((event) => event.type === 'TicketClosed');
      expect(closed?.data).to.include({ how: 'autoClosed', closedAt: '2027-08-30T18:00:00Z' });
      expect(closed?.metadata).to.include({ actor: 'system', occurredAt: '2027-09-03T15:00:00Z' });
      const events = await ledger();
      const debit = events.find((event) => event.type === 'TicketDebited')!;
      expect(debit.data).to.include({ ticketId: ticket, endedAt: '2027-08-30T18:00:00Z', period: '2027-08', covered: 180, shortfall: 20 });
      const order = events.map((event) => (event.type === 'MonthlyPlanCredited' ? `credit ${event.data.period}` : event.type));
      // The shortfall and the empty balance are alerted with the debit that caused them (issue 15).
      expect(order.slice(order.indexOf('TicketDebited'))).to.deep.equal(['TicketDebited', 'ShortfallAlerted', 'LowBalanceAlerted', 'credit 2027-09', 'OverageInvoiced', 'PackagePurchased']);
    });

    it('once the projection runs again, the scheduler fires the same deadline and nothing is written twice', async () => {
      const before = (await ledger()).length;
      await startDeadlines();
      for (let i = 0; i < 400 && (await deadlines()).lag > 0; i++) await sleep(50);
      expect((await deadlines()).lag, 'the projection caught up').to.equal(0);
      created(await manager.post('/admin/scheduler/tick'));
      expect((await history()).filter((event) => event.type === 'TicketClosed')).to.have.length(1);
      expect(await ledger()).to.have.length(before);
      expect(await autoCloseItems(' AND fired_at IS NULL'), 'the projection saw the ticket closed: no auto-close is left due').to.deep.equal([]);
    });
  });
}
