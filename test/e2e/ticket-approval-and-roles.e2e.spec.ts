import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, historyLength, openTicket, settle, ticketBody } from './support/hour-bank-fixtures.js';

const estimate = { minutes: 300, expectedDeliveryAt: '2030-06-07T18:00:00Z' };

describe('the approval gate and who may do what', () => {
  let api: ApiHarness;
  let cast: Cast;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    // First period next month: no monthly credit lands while the scenario runs, the package is the whole balance.
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 120 });
  });
  after(() => api?.close());

  describe('an estimate over the available minutes', () => {
    it('waits for approval, and the client\'s approval authorizes the work', async () => {
      const ticket = await openTicket(cast.clientA, cast.accountA);
      const estimated = created(await cast.agent.post(`/tickets/${ticket}/estimate`, estimate));
      expect(estimated.events.at(-1).data).to.include({ approvalRequired: true, availableMinutes: 120 });
      expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('awaitingApproval');
      const refused = await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 10, activity: 'development', performedOn: '2030-06-04' });
      expect(refused.status).to.equal(422);
      created(await cast.clientA.post(`/tickets/${ticket}/approval`, { decision: 'approve' }));
      expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('inProgress');
    });

    it('records a manager\'s approval as made on the client\'s behalf', async () => {
      const ticket = await openTicket(cast.clientA, cast.accountA);
      created(await cast.agent.post(`/tickets/${ticket}/estimate`, estimate));
      created(await cast.manager.post(`/tickets/${ticket}/approval`, { decision: 'approve' }));
      const history = await cast.auditor.get(`/tickets/${ticket}/history`);
      const approved = history.body.events.find((e: { type: string }) => e.type === 'EstimateApproved');
      expect(approved.metadata).to.include({ actor: 'manager-1', role: 'manager', onBehalfOf: `account:${cast.accountA}` });
    });

    it('can be rejected with a reason (a rejection without one is a 400)', async () => {
      const ticket = await openTicket(cast.clientA, cast.accountA);
      created(await cast.agent.post(`/tickets/${ticket}/estimate`, estimate));
      expect((await cast.clientA.post(`/tickets/${ticket}/approval`, { decision: 'reject' })).status).to.equal(400);
      created(await cast.clientA.post(`/tickets/${ticket}/approval`, { decision: 'reject', reason: 'Caro demais' }));
      expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('rejected');
    });
  });

  describe('refusals by role (403 FORBIDDEN, nothing written)', () => {
    let ticket: string;
    before(async () => {
      ticket = await openTicket(cast.clientA, cast.accountA);
    });

    const refusals: [string, keyof Cast, string, string, unknown][] = [
      ['a client may not estimate', 'clientA', 'POST', 'estimate', estimate],
      ['a client may not log time', 'clientA', 'POST', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-06-04' }],
      ['a client may not ask for clarification', 'clientA', 'POST', 'clarification-requests', { question: '?' }],
      ['a client may not escalate', 'clientA', 'POST', 'escalation', { reason: 'x' }],
      ['an agent may not approve an estimate', 'agent', 'POST', 'approval', { decision: 'approve' }],
      ['an agent may not accept a delivery', 'agent', 'POST', 'acceptance', {}],
      ['a manager may not log time', 'manager', 'POST', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-06-04' }],
      ['an auditor may not cancel', 'auditor', 'POST', 'cancellation', { reason: 'x' }],
    ];
    for (const [name, who, method, action, body] of refusals) {
      it(name, async () => {
        const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
        const result = await (cast[who] as Cast['agent']).request(method, `/tickets/${ticket}/${action}`, { body });
        expect(result.status, result.text).to.equal(403);
        expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
      });
    }

    it('only a manager opens accounts, sells packages, adjusts, changes plans, cancels and edits calendars', async () => {
      for (const who of ['agent', 'clientA', 'auditor'] as const) {
        const client = cast[who];
        expect((await client.post('/accounts', { clientName: 'X', plan: 'START', firstPeriod: '2030-06', overageRateCentsPerHour: 1 })).status).to.equal(403);
        expect((await client.post(`/accounts/${cast.accountA}/packages`, { minutes: 60 })).status).to.equal(403);
        expect((await client.post(`/accounts/${cast.accountA}/adjustments`, { minutes: 60, reason: 'gift' })).status).to.equal(403);
        expect((await client.request('PUT', `/accounts/${cast.accountA}/plan`, { body: { plan: 'BASIC' } })).status).to.equal(403);
        expect((await client.post(`/accounts/${cast.accountA}/cancellation`, { reason: 'x' })).status).to.equal(403);
        expect((await client.post('/calendars/br-national/holidays', { date: '2030-12-24', name: 'Véspera' })).status).to.equal(403);
      }
    });

    it('lets an auditor read everything', async () => {
      for (const path of [`/accounts/${cast.accountA}`, `/accounts/${cast.accountA}/ledger`, `/tickets/${ticket}`, `/tickets/${ticket}/history`, '/tickets', '/calendars/br-national']) {
        expect((await cast.auditor.get(path)).status, path).to.equal(200);
      }
    });

    it('refuses a request without a token (401)', async () => {
      expect((await api.client.get(`/tickets/${ticket}`)).status).to.equal(401);
      expect((await api.client.post('/tickets', ticketBody(cast.accountA))).status).to.equal(401);
    });

    it('lets a client cancel only before any time is logged (the rule code comes through)', async () => {
      const other = await openTicket(cast.clientA, cast.accountA);
      created(await cast.agent.post(`/tickets/${other}/estimate`, estimate));
      created(await cast.clientA.post(`/tickets/${other}/approval`, { decision: 'approve' }));
      created(await cast.agent.post(`/tickets/${other}/time-entries`, { minutes: 5, activity: 'analysis', performedOn: '2030-06-04' }));
      const refused = await cast.clientA.post(`/tickets/${other}/cancellation`, { reason: 'Mudei de ideia' });
      expect(refused.status).to.equal(422);
      expect(refused.body.code).to.equal('CLIENT_MAY_CANCEL_ONLY_BEFORE_WORK_STARTS');
      created(await cast.agent.post(`/tickets/${other}/cancellation`, { reason: 'A pedido do cliente' }));
    });
  });

  describe('accounts and calendars', () => {
    it('shows the balance after the reactor\'s reservations and debit, lots with expiry, and the ledger with audit metadata', async () => {
      await settle(cast.manager);
      const account = await cast.clientA.get(`/accounts/${cast.accountA}`);
      // Four 300-minute estimates: one rejected (released), one cancelled after 5 minutes (debited), two still held.
      expect(account.body).to.include({ accountId: cast.accountA, balanceMinutes: 115, reservedMinutes: 600, availableMinutes: -485 });
      expect(account.body.lots[0]).to.include({ source: 'package', minutes: 115 });
      expect(account.body.lots[0].expiresAt).to.be.a('string');
      const events = (await cast.clientA.get(`/accounts/${cast.accountA}/ledger`)).body.events as { type: string; data: any; metadata: any }[];
      expect(events.slice(0, 2).map((e) => e.type)).to.deep.equal(['AccountOpened', 'PackagePurchased']);
      expect(events[1]!.metadata).to.include({ actor: 'manager-1', role: 'manager' });
      // The gates are decided by the estimates themselves, in order; what the reactor follows lands as it catches up.
      const gates = events.filter((e) => e.type === 'EstimateGated');
      expect(gates.map((e) => e.data.minutes)).to.deep.equal([300, 300, 300, 300]);
      expect(gates[0]!.metadata).to.include({ actor: 'agent-1', role: 'agent' });
      const followed = events.slice(2).filter((e) => e.type !== 'EstimateGated');
      expect(followed.map((e) => e.type)).to.deep.equal([
        'MinutesReservedForTicket', 'MinutesReservedForTicket', 'MinutesReservedForTicket', 'TicketReservationReleased', 'MinutesReservedForTicket', 'TicketDebited',
      ]);
      expect(followed.map((e) => e.data.minutes)).to.deep.equal([300, 300, 300, 300, 300, 5]);
      expect(followed[0]!.metadata).to.include({ actor: 'system' });
    });

    it('lets a manager add a holiday to the implicit national calendar and read it back', async () => {
      const added = await cast.manager.post('/calendars/br-national/holidays', { date: '2030-12-24', name: 'Véspera de Natal' });
      expect(added.status, added.text).to.equal(201);
      const calendar = await cast.agent.get('/calendars/br-national?year=2030');
      expect(calendar.body.holidays).to.deep.equal([{ date: '2030-12-24', name: 'Véspera de Natal' }]);
      expect(calendar.body.daysOff.map((d: { date: string }) => d.date)).to.include.members(['2030-12-24', '2030-12-25']);
      expect((await cast.agent.get('/calendars/nowhere')).status).to.equal(404);
    });

    it('refuses a new ticket on a cancelled account with the rule code, and writes nothing', async () => {
      created(await cast.manager.post(`/accounts/${cast.accountB}/cancellation`, { reason: 'Fim do contrato' }));
      await settle(cast.manager);
      const head = async () => (await api.client.get('/health')).body.details.store.headPosition as number;
      const before = await head();
      for (const who of [cast.clientB, cast.agent]) {
        const refused = await who.post('/tickets', ticketBody(cast.accountB));
        expect(refused.status, refused.text).to.equal(422);
        expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(refused.body.code).to.equal('ACCOUNT_IS_CANCELLED');
      }
      expect(await head()).to.equal(before);
      expect((await cast.agent.get(`/tickets?accountId=${cast.accountB}`)).body.total).to.equal(0);
    });

    it('opens an account with a CUSTOM plan only from 1200 minutes, with the rule code', async () => {
      const refused = await cast.manager.post('/accounts', { clientName: 'Big', plan: 'CUSTOM', contractedMinutes: 600, firstPeriod: '2030-06', overageRateCentsPerHour: 100 });
      expect(refused.status).to.equal(422);
      expect(refused.body.code).to.equal('CUSTOM_PLAN_BELOW_MINIMUM_MINUTES');
    });
  });
});
