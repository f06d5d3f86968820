import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { accountCodec, accountStream } from '#hour-bank';
import { ticketCodec, ticketStream } from '#ticketing';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, historyLength, openTicket, settle } from './support/hour-bank-fixtures.js';
import type { HttpResult } from './support/http-client.js';

const refused = (result: HttpResult, code = 'VALIDATION_FAILED') => {
  expect(result.status, result.text).to.equal(400);
  expect(result.headers.get('content-type')).to.match(/application\/problem\+json/);
  expect(result.body.code).to.equal(code);
};

/** Instants, dates and periods are held to 2000-01-01 … 2100-12-31; no stored event outside that makes a read fail. */
describe('bounds on every instant, date and period the API accepts', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  const store = () => api.app.get<EventStore>(EVENT_STORE);
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-06' });
    ticket = await openTicket(cast.clientA, cast.accountA);
    await settle(cast.manager);
  });
  after(() => api?.close());

  it('refuses an expected delivery in the year 50000 with 400, writing nothing on the ticket or the account', async () => {
    const [history, ledger] = [await historyLength(cast.auditor, `/tickets/${ticket}/history`), await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`)];
    for (const expectedDeliveryAt of ['+050000-01-01T00:00:00Z', '2101-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
      refused(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 60, expectedDeliveryAt }));
    }
    expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(history);
    expect(await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`)).to.equal(ledger);
  });

  it('takes the last instant of the range', async () =>
    created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 60, expectedDeliveryAt: '2100-12-31T23:59:59.999Z' })));

  it('refuses a first period before 2000-01 or after 2100-12, and work dated outside 2000–2100', async () => {
    for (const firstPeriod of ['0001-01', '1999-12', '2101-01']) {
      refused(await cast.manager.post('/accounts', { clientName: 'Antiga', plan: 'START', firstPeriod, overageRateCentsPerHour: 100 }));
    }
    for (const performedOn of ['0001-01-01', '9999-12-31', '2101-01-01']) {
      refused(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 5, activity: 'test', performedOn }));
    }
  });

  it('refuses reports, as-of reads, calendar years and clock moves outside the range', async () => {
    refused(await cast.manager.get(`/accounts/${cast.accountA}/reports/9999-12`), 'PERIOD_OUT_OF_RANGE');
    refused(await cast.manager.get(`/accounts/${cast.accountA}/reports/1999-12`), 'PERIOD_OUT_OF_RANGE');
    refused(await cast.manager.get(`/accounts/${cast.accountA}?asOf=%2B050000-01-01T00:00:00Z`));
    refused(await cast.manager.get(`/balances/${cast.accountA}?asOf=0001-01-01T00:00:00Z`));
    refused(await cast.manager.get('/balances?asOf=2101-01-01T00:00:00Z'));
    refused(await cast.manager.get('/calendars/br-national?year=9999'), 'YEAR_OUT_OF_RANGE');
    refused(await cast.manager.post('/admin/clock', { now: '2101-01-01T00:00:00Z' }));
  });

  describe('events stored before the bounds (written straight to the store)', () => {
    let farTicket: string;
    let ancient: string;
    before(async () => {
      farTicket = await openTicket(cast.clientA, cast.accountA);
      const estimated = ticketCodec.encode({ type: 'TicketEstimated', data: {
        ticketId: farTicket, accountId: cast.accountA, estimatedMinutes: 60, expectedDeliveryAt: '+050000-01-01T00:00:00Z',
        availableMinutes: 10_000, approvalRequired: false, estimatedAt: '2030-06-04T12:00:00Z',
      } }, { id: `far-${farTicket}`, metadata: { actor: 'old-version', correlationId: 'c', occurredAt: '2030-06-04T12:00:00Z' } });
      await store().append(ticketStream(farTicket), [estimated], 'any');
      ancient = 'ancient-account';
      const opened = accountCodec.encode({ type: 'AccountOpened', data: {
        accountId: ancient, clientName: 'Antiga', plan: { code: 'START', monthlyMinutes: 180, firstResponseBusinessMinutes: 240, catalogVersion: 1 },
        firstPeriod: '0001-01', timeZone: 'America/Sao_Paulo', calendarId: 'br-national', overageRateCentsPerHour: 100, openedAt: '2030-06-04T12:00:00Z',
      } }, { id: 'ancient-opened', metadata: { actor: 'old-version', correlationId: 'c', occurredAt: '2030-06-04T12:00:00Z' } });
      await store().append(accountStream(ancient), [opened], 'no_stream');
      await settle(cast.manager);
    });

    it('a ticket promised for the year 50000 still reads (200), in bounded time', async () => {
      const started = performance.now();
      const read = await cast.manager.get(`/tickets/${farTicket}`);
      expect(read.status, read.text).to.equal(200);
      expect((await cast.manager.get(`/sla/timers?accountId=${cast.accountA}`)).status).to.equal(200);
      expect(performance.now() - started).to.be.below(10_000);
    });

    it('leaves the scheduler idle: the far due time is never due, nothing fires again and again', async () => {
      const { scheduler } = api.app.get(WorkerRuntime);
      const status = await scheduler.status();
      expect(status.overdue, `overdue after settling; the last dispatch error: ${JSON.stringify(status.lastError)}`).to.equal(0);
      expect((await cast.manager.post('/admin/scheduler/tick')).body.fired).to.deep.equal([]);
    });

    it('an account stored with the first period 0001-01 is credited from 2000-01 only, once, and reads', async () => {
      const account = await cast.manager.get(`/accounts/${ancient}`);
      expect(account.status, account.text).to.equal(200);
      expect(account.body.balanceMinutes).to.equal(12 * 180); // the last twelve lots: the older ones have expired
      const credits: string[] = [];
      for await (const recorded of store().readStream(accountStream(ancient))) {
        if (recorded.type === 'hourbank.account.monthly-plan-credited.v1') credits.push((recorded.data as { period: string }).period);
      }
      expect(credits[0]).to.equal('2000-01');
      expect(new Set(credits).size).to.equal(credits.length);
      expect(credits.length).to.equal((2030 - 2000) * 12 + 6);
    });
  });
});
