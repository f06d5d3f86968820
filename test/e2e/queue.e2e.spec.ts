import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { castOf, created, settle, ticketBody, type Cast } from './support/hour-bank-fixtures.js';

/** Monday 2030-06-03 09:00 in São Paulo: START's first response is due 4 business hours after opening. */
const MONDAY_9 = '2030-06-03T12:00:00Z';

describe('The agent queue (GET /queue), ordered by SLA due time', () => {
  let api: ApiHarness;
  let cast: Cast;
  const ids: Record<string, string> = {};
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: MONDAY_9, firstPeriod: '2030-06' });
    const open = async (name: string, at: string) => {
      created(await cast.manager.post('/admin/scheduler/advance', { to: at }));
      ids[name] = created(await cast.clientA.post('/tickets', ticketBody(cast.accountA, { title: name }))).id;
    };
    await open('breached', MONDAY_9);
    await open('waiting', '2030-06-03T12:30:00Z');
    created(await cast.agent.post(`/tickets/${ids.waiting}/clarification-requests`, { question: 'Qual tela?' }));
    await open('atRisk', '2030-06-03T13:00:00Z');
    await open('running', '2030-06-03T15:00:00Z');
    await open('closed', '2030-06-03T15:10:00Z');
    created(await cast.clientA.post(`/tickets/${ids.closed}/cancellation`, { reason: 'Engano' }));
    created(await cast.manager.post('/admin/scheduler/advance', { to: '2030-06-03T16:30:00Z' }));
    await settle(cast.manager);
  });
  after(() => api.close());

  it('puts the breached first, then at risk, running, and waiting on the client; finished tickets are left out', async () => {
    const queue = await cast.agent.get('/queue');
    expect(queue.status, queue.text).to.equal(200);
    const order = queue.body.items.map((item: { title: string; urgency: string }) => [item.title, item.urgency]);
    expect(order).to.deep.equal([['breached', 'breached'], ['atRisk', 'atRisk'], ['running', 'running'], ['waiting', 'waiting']]);
  });

  it('carries each ticket\'s number and the timer it is ordered by', async () => {
    const [first] = (await cast.agent.get('/queue')).body.items;
    expect(first.number).to.be.a('number');
    expect(first.sla).to.include({ kind: 'firstResponse', status: 'breached', dueAt: '2030-06-03T16:00:00Z' });
  });

  it('filters by status and shows a client only its own accounts', async () => {
    expect((await cast.agent.get('/queue?status=cancelled')).body.items.map((i: { title: string }) => i.title)).to.deep.equal(['closed']);
    expect((await cast.clientB.get('/queue')).body.items).to.deep.equal([]);
  });
});
