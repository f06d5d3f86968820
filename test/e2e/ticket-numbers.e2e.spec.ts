import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { castOf, created, numbered, settle, ticketBody, type Cast } from './support/hour-bank-fixtures.js';

describe('Human ticket numbers over HTTP (per installation, unique, without gaps)', () => {
  let api: ApiHarness;
  let cast: Cast;
  let ids: string[];
  before(async () => {
    api = await ApiHarness.start();
    cast = await castOf(api);
    const opens = Array.from({ length: 24 }, (_, i) =>
      (i % 2 === 0 ? cast.clientA : cast.clientB).post('/tickets', ticketBody(i % 2 === 0 ? cast.accountA : cast.accountB, { title: `Chamado ${i}` })));
    ids = (await Promise.all(opens)).map((result) => created(result).id);
    await settle(cast.manager);
  });
  after(() => api.close());

  it('numbers 24 tickets opened at once on two accounts 1 to 24, each number once', async () => {
    const numbers = await Promise.all(ids.map((id) => numbered(cast.agent, id)));
    expect([...numbers].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('records the number once in each ticket\'s own stream', async () => {
    const history = await cast.agent.get(`/tickets/${ids[0]}/history`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'TicketNumbered')).to.have.length(1);
  });

  it('lists the numbers, and finds a ticket by its number', async () => {
    const list = await cast.agent.get('/tickets?size=100');
    expect(list.body.items.every((row: { number: number | null }) => typeof row.number === 'number')).to.equal(true);
    const number = await numbered(cast.agent, ids[5]!);
    const found = await cast.agent.get(`/tickets?number=${number}`);
    expect(found.body.items.map((row: { ticketId: string }) => row.ticketId)).to.deep.equal([ids[5]]);
  });

  it('does not let a client find another client\'s ticket by its number', async () => {
    const number = await numbered(cast.agent, ids[1]!);
    expect((await cast.clientA.get(`/tickets?number=${number}`)).body.items).to.deep.equal([]);
    expect((await cast.clientB.get(`/tickets?number=${number}`)).body.items).to.have.length(1);
  });
});
