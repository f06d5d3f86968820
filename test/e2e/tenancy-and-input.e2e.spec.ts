import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, historyLength, openTicket, settle, ticketBody } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

describe('tenancy (BOLA) and input validation', () => {
  let api: ApiHarness;
  let cast: Cast;
  let ticketA: string;
  let entryA: string;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    // First period next month: no monthly credit is due while the "nothing written" checks run.
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 600 });
    ticketA = await openTicket(cast.clientA, cast.accountA);
    await cast.agent.post(`/tickets/${ticketA}/estimate`, { minutes: 60, expectedDeliveryAt: '2030-06-07T18:00:00Z' });
    entryA = created(await cast.agent.post(`/tickets/${ticketA}/time-entries`, { minutes: 10, activity: 'test', performedOn: '2030-06-04' })).events[0].data.entryId;
    await settle(cast.manager);
  });
  after(() => api?.close());

  describe('client B over every route that names client A\'s objects', () => {
    const notFound = async (client: HttpClient, method: string, path: string, body?: unknown) => {
      const ledger = await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`);
      const history = await historyLength(cast.auditor, `/tickets/${ticketA}/history`);
      const result = await client.request(method, path, body === undefined ? {} : { body });
      expect(result.status, `${method} ${path}: ${result.text}`).to.equal(404);
      expect(result.body.code).to.match(/_NOT_FOUND$/);
      expect(await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`)).to.equal(ledger);
      expect(await historyLength(cast.auditor, `/tickets/${ticketA}/history`)).to.equal(history);
      return result.body;
    };

    it('gets 404 on reads, exactly as for an object that does not exist', async () => {
      const foreign = await notFound(cast.clientB, 'GET', `/accounts/${cast.accountA}`);
      const missing = await notFound(cast.clientB, 'GET', '/accounts/no-such-account');
      expect(foreign.code).to.equal(missing.code);
      await notFound(cast.clientB, 'GET', `/accounts/${cast.accountA}/ledger`);
      await notFound(cast.clientB, 'GET', `/tickets/${ticketA}`);
      await notFound(cast.clientB, 'GET', `/tickets/${ticketA}/history`);
    });

    it('gets 404 on every ticket command a client may send, and nothing is written', async () => {
      await notFound(cast.clientB, 'POST', `/tickets/${ticketA}/clarifications`, { answer: 'x' });
      await notFound(cast.clientB, 'POST', `/tickets/${ticketA}/approval`, { decision: 'approve' });
      await notFound(cast.clientB, 'POST', `/tickets/${ticketA}/revision-requests`, { reason: 'x' });
      await notFound(cast.clientB, 'POST', `/tickets/${ticketA}/acceptance`, {});
      await notFound(cast.clientB, 'POST', `/tickets/${ticketA}/cancellation`, { reason: 'x' });
    });

    it('cannot open a ticket on client A\'s account (404, the tenant never comes from the body)', async () => {
      await notFound(cast.clientB, 'POST', '/tickets', ticketBody(cast.accountA));
    });

    it('does not see client A\'s tickets in the list, even when asking for that account', async () => {
      const page = await cast.clientB.get(`/tickets?accountId=${cast.accountA}`);
      expect(page.status).to.equal(200);
      expect(page.body.total).to.equal(0);
    });

    it('gets the same 403 as for its own ticket on staff-only routes (no existence leak)', async () => {
      const own = await openTicket(cast.clientB, cast.accountB);
      const theirs = await cast.clientB.post(`/tickets/${ticketA}/time-entries/${entryA}/corrections`, { minutes: -5, reason: 'x' });
      const mine = await cast.clientB.post(`/tickets/${own}/time-entries/${entryA}/corrections`, { minutes: -5, reason: 'x' });
      expect([theirs.status, mine.status]).to.deep.equal([403, 403]);
    });
  });

  describe('malformed bodies (400 VALIDATION_FAILED with field errors, and no event)', () => {
    const cases: [string, string, unknown][] = [
      ['an unknown field', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-06-04', billable: true }],
      ['minutes as a string', 'time-entries', { minutes: '5', activity: 'test', performedOn: '2030-06-04' }],
      ['minutes as a fraction', 'time-entries', { minutes: 2.5, activity: 'test', performedOn: '2030-06-04' }],
      ['zero minutes', 'time-entries', { minutes: 0, activity: 'test', performedOn: '2030-06-04' }],
      ['absurd minutes', 'time-entries', { minutes: 10_000_000, activity: 'test', performedOn: '2030-06-04' }],
      ['an unknown activity', 'time-entries', { minutes: 5, activity: 'coffee', performedOn: '2030-06-04' }],
      ['an impossible date', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-02-30' }],
      ['a date-time where a date is due', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-06-04T10:00:00Z' }],
      ['a huge note', 'time-entries', { minutes: 5, activity: 'test', performedOn: '2030-06-04', note: 'x'.repeat(2001) }],
      ['an instant without an offset', 'estimate', { minutes: 30, expectedDeliveryAt: '2030-06-07T18:00:00' }],
      ['an instant that is not one', 'estimate', { minutes: 30, expectedDeliveryAt: 'tomorrow' }],
      ['a missing summary', 'delivery', {}],
      ['a summary of the wrong type', 'delivery', { summary: ['a'] }],
      ['a body on acceptance', 'acceptance', { note: 'hi' }],
    ];
    for (const [name, action, body] of cases) {
      it(`refuses ${name}`, async () => {
        const before = await historyLength(cast.auditor, `/tickets/${ticketA}/history`);
        const who = action === 'acceptance' ? cast.clientA : cast.agent;
        const result = await who.post(`/tickets/${ticketA}/${action}`, body);
        expect(result.status, result.text).to.equal(400);
        expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(result.body.code).to.equal('VALIDATION_FAILED');
        expect(result.body.errors).to.be.an('array').that.is.not.empty;
        expect(await historyLength(cast.auditor, `/tickets/${ticketA}/history`)).to.equal(before);
      });
    }

    it('refuses a title over 200 characters and a description over 10,000 when opening', async () => {
      const long = await cast.clientA.post('/tickets', ticketBody(cast.accountA, { title: 'x'.repeat(201) }));
      expect(long.status).to.equal(400);
      expect(long.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['title']);
      expect((await cast.clientA.post('/tickets', ticketBody(cast.accountA, { description: 'x'.repeat(10_001) }))).status).to.equal(400);
      expect((await cast.clientA.post('/tickets', ticketBody(cast.accountA, { category: 'gardening' }))).status).to.equal(400);
    });

    it('refuses malformed JSON and a page size over 100', async () => {
      const broken = await cast.agent.request('POST', `/tickets/${ticketA}/delivery`, { rawBody: '{"summary": ' });
      expect(broken.status).to.equal(400);
      expect((await cast.agent.get('/tickets?size=101')).status).to.equal(400);
      expect((await cast.agent.get('/tickets?status=sleeping')).status).to.equal(400);
    });

    it('refuses bad account input with no ledger event', async () => {
      const before = await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`);
      for (const body of [{ minutes: -5 }, { minutes: 60, extra: 1 }, { minutes: 1.5 }]) {
        expect((await cast.manager.post(`/accounts/${cast.accountA}/packages`, body)).status).to.equal(400);
      }
      expect((await cast.manager.post(`/accounts/${cast.accountA}/adjustments`, { minutes: 30 })).status).to.equal(400);
      expect((await cast.manager.post('/accounts', { clientName: 'X', plan: 'START', firstPeriod: '2030-13', overageRateCentsPerHour: 1 })).status).to.equal(400);
      expect(await historyLength(cast.auditor, `/accounts/${cast.accountA}/ledger`)).to.equal(before);
    });
  });
});
