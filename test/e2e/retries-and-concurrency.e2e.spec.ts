import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, historyLength, openTicket, ticketBody, types } from './support/hour-bank-fixtures.js';

describe('idempotent retries and concurrent commands', () => {
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api);
    await cast.manager.post('/admin/clock', { now: '2030-06-04T12:00:00Z' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 6000 });
    ticket = await openTicket(cast.clientA, cast.accountA);
    created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 3000, expectedDeliveryAt: '2030-06-20T18:00:00Z' }));
  });
  after(() => api?.close());

  const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });
  const entry = { minutes: 15, activity: 'development', performedOn: '2030-06-04' };

  it('answers a retried time entry with the first response and writes one event', async () => {
    const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
    const first = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('entry-1'));
    const again = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('entry-1'));
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before + 1);
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
    const reused = await cast.agent.post(`/tickets/${ticket}/time-entries`, { ...entry, minutes: 16 }, keyed('entry-1'));
    expect(reused.status).to.equal(422);
    expect(reused.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
  });

  it('opens one ticket for a retried POST /tickets, with the same id', async () => {
    const first = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('open-1'));
    const again = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('open-1'));
    expect(again.body.id).to.equal(first.body.id);
    const history = await cast.auditor.get(`/tickets/${first.body.id}/history`);
    expect(types(history).filter((type) => type !== 'TicketNumbered'), 'the numbering lands moments after').to.deep.equal(['TicketOpened']);
  });

  it('loses nothing and doubles nothing when 40 time entries race on one ticket', async function () {
    this.timeout(60_000);
    const before = (await cast.agent.get(`/tickets/${ticket}`)).body.loggedMinutes as number;
    const entriesBefore = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        cast.agent.post(`/tickets/${ticket}/time-entries`, { ...entry, minutes: i + 1 }, keyed(`storm-${i}`)),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join(',')).to.equal(true);
    const accepted = results.filter((r) => r.status === 201);
    const acceptedMinutes = accepted.reduce((sum, r) => sum + (r.body.events[0].data.minutes as number), 0);
    const after = (await cast.agent.get(`/tickets/${ticket}`)).body.loggedMinutes as number;
    expect(after - before).to.equal(acceptedMinutes);
    expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(entriesBefore + accepted.length);
    const conflicts = results.filter((r) => r.status === 409);
    for (const conflict of conflicts) expect(conflict.body.code).to.equal('CONCURRENT_MODIFICATION');
    console.log(`      storm: ${accepted.length} accepted, ${conflicts.length} conflicts after retries`);
  });

  it('lets a client retry a storm loser with its key until it lands, still once', async () => {
    const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 201; attempt++) {
      status = (await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('late-entry'))).status;
    }
    expect(status).to.equal(201);
    await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('late-entry'));
    expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before + 1);
  });
});
