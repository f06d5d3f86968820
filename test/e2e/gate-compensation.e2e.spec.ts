import { expect } from 'chai';
import { TICKET_ACCOUNTS, type TicketAccounts } from '#ticketing';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, openTicket, settle } from './support/hour-bank-fixtures.js';

/*
 * The gate is decided on the account, then the ticket records it on exactly the revision the gate was decided on.
 * When the ticket moves in between (another request got there first), the compensation voids the gate: its minutes
 * are free again, and the estimate is tried afresh on the ticket as it now is.
 */
describe('the approval gate when the ticket moves between the two writes', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let cast: Cast;
  let accounts: TicketAccounts;
  let original: TicketAccounts['gateEstimate'];
  const ledger = async () => created(await cast.manager.get(`/accounts/${cast.accountA}/ledger?limit=500`)).events as { type: string; data: any }[];

  /** The next gate lets `meanwhile` write to the ticket after the account decided and before the ticket records it. */
  const interleave = (meanwhile: () => Promise<void>) => {
    accounts.gateEstimate = async (...args) => {
      accounts.gateEstimate = original;
      const decision = await original.apply(accounts, args);
      await meanwhile();
      return decision;
    };
  };

  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-06' });
    accounts = api.app.get<TicketAccounts>(TICKET_ACCOUNTS);
    original = accounts.gateEstimate;
    await settle(cast.manager);
  });
  after(() => api?.close());

  it('voids the gate and decides again when the ticket moved but still takes the estimate', async () => {
    const ticket = await openTicket(cast.clientA, cast.accountA);
    interleave(async () => {
      created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual tela?' }));
      created(await cast.clientA.post(`/tickets/${ticket}/clarifications`, { answer: 'A de vendas' }));
    });
    const answer = created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 100, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
    expect(answer.events.at(-1).data.estimateId).to.match(/:gate:1$/);
    await settle(cast.manager);
    const mine = (await ledger()).filter((event) => event.data.ticketId === ticket).map((event) => [event.type, event.data.estimateId?.replace(/^.*:gate:/, 'gate ')]);
    expect(mine).to.deep.equal([
      ['EstimateGated', 'gate 0'], ['EstimateGateVoided', 'gate 0'], ['EstimateGated', 'gate 1'], ['MinutesReservedForTicket', 'gate 1'],
    ]);
    expect(created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes).to.equal(180 - 100);
  });

  it('voids the gate and refuses when the ticket no longer takes an estimate, holding nothing', async () => {
    const ticket = await openTicket(cast.clientA, cast.accountA);
    const available = created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes;
    interleave(async () => void created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual relatório?' })));
    const refused = await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 50, expectedDeliveryAt: '2030-06-10T18:00:00Z' });
    expect(refused.status, refused.text).to.equal(422);
    expect(refused.body.code).to.equal('TICKET_AWAITS_CLARIFICATION');
    await settle(cast.manager);
    expect((await ledger()).filter((event) => event.data.ticketId === ticket).map((event) => event.type)).to.deep.equal(['EstimateGated', 'EstimateGateVoided']);
    expect(created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes).to.equal(available);
  });

  it('writes nothing anywhere for an estimate refused before the gate', async () => {
    const ticket = await openTicket(cast.clientA, cast.accountA);
    created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual?' }));
    const before = (await ledger()).length;
    const refused = await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 50, expectedDeliveryAt: '2030-06-10T18:00:00Z' });
    expect(refused.body.code).to.equal('TICKET_AWAITS_CLARIFICATION');
    expect((await ledger()).length).to.equal(before);
  });
});
