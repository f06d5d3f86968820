import { expect } from 'chai';
import { TICKET_ACCOUNTS, TicketNumbers, type TicketAccounts } from '#ticketing';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, numbered, openTicket, settle, ticketBody } from './support/hour-bank-fixtures.js';

/*
 * The gate is decided on the account, then the ticket records it on the revision the gate was decided on. When the
 * ticket moves in between by an event the account follows (another estimate got there first), the compensation voids
 * the gate: its minutes are free again, and the estimate is tried afresh on the ticket as it now is. When it moves
 * only by events the account does not follow (its number, a clarification) and still takes the same estimate, the
 * gate stands and the estimate is recorded on the new revision; when it no longer takes it, the gate is voided.
 */
describe('the approval gate when the ticket moves between the two writes', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let cast: Cast;
  let accounts: TicketAccounts;
  let original: TicketAccounts['gateEstimate'];
  const ledger = async (account = cast.accountA) => created(await cast.manager.get(`/accounts/${account}/ledger?limit=500`)).events as { type: string; data: any }[];
  /** The ticket's gate events on the account, each with its attempt (`gate N`) of the request. */
  const gatesOf = async (ticket: string, account = cast.accountA) =>
    (await ledger(account)).filter((event) => event.data.ticketId === ticket).map((event) => [event.type, event.data.estimateId?.replace(/^.*:gate:/, 'gate ')]);

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

  it('keeps the gate when the ticket moved by events the account does not follow and still takes the estimate', async () => {
    const ticket = await openTicket(cast.clientA, cast.accountA);
    interleave(async () => {
      created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual tela?' }));
      created(await cast.clientA.post(`/tickets/${ticket}/clarifications`, { answer: 'A de vendas' }));
    });
    const answer = created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 100, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
    expect(answer.events.at(-1).data.estimateId).to.match(/:gate:0$/);
    await settle(cast.manager);
    expect(await gatesOf(ticket)).to.deep.equal([['EstimateGated', 'gate 0'], ['MinutesReservedForTicket', 'gate 0']]);
    expect(created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes).to.equal(180 - 100);
  });

  it('voids the gate and decides again when another estimate of the ticket landed in between', async () => {
    const ticket = await openTicket(cast.clientA, cast.accountA);
    const available = created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes;
    interleave(async () => {
      created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 30, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
      await settle(cast.manager);
    });
    const answer = created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 50, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
    expect(answer.events.at(-1).data).to.include({ estimatedMinutes: 50 });
    expect(answer.events.at(-1).data.estimateId).to.match(/:gate:1$/);
    await settle(cast.manager);
    // The other estimate's reservation settled gate 0 (decided on an earlier revision) before the void came: the
    // void finds nothing held and writes nothing; gate 1 is decided on the ticket as it now is.
    expect((await gatesOf(ticket)).map(([type, gate], index) => (index === 1 || index === 2 ? [type, 'other'] : [type, gate]))).to.deep.equal([
      ['EstimateGated', 'gate 0'], ['EstimateGated', 'other'], ['MinutesReservedForTicket', 'other'], ['EstimateGated', 'gate 1'], ['MinutesReservedForTicket', 'gate 1'],
    ]);
    expect(created(await cast.manager.get(`/accounts/${cast.accountA}`)).availableMinutes).to.equal(available - 50);
  });

  it('keeps the gate when the numbering reactor numbers the ticket in between: an estimate of another ticket gated meanwhile does not count against it', async () => {
    // Account B (180 minutes, nothing held): estimating `first` then `other`, 100 minutes each, in that order,
    // authorizes the first and sends the other to approval (100 > 180 - 100), however the two requests interleave.
    const other = await openTicket(cast.clientB, cast.accountB);
    expect(created(await cast.manager.get(`/accounts/${cast.accountB}`)).availableMinutes).to.equal(180);
    // The numbering reactor takes the next ticket and waits at its number until the gate is decided.
    const numbers = api.app.get(TicketNumbers);
    const numberFor = numbers.numberFor;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    numbers.numberFor = async (...args) => {
      await released;
      return numberFor.apply(numbers, args);
    };
    let otherAnswer: any;
    try {
      const first = created(await cast.clientB.post('/tickets', ticketBody(cast.accountB))).id as string;
      interleave(async () => {
        release();
        await numbered(cast.clientB, first);
        otherAnswer = created(await cast.agent.post(`/tickets/${other}/estimate`, { minutes: 100, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
      });
      const answer = created(await cast.agent.post(`/tickets/${first}/estimate`, { minutes: 100, expectedDeliveryAt: '2030-06-10T18:00:00Z' }));
      await settle(cast.manager);
      const history = created(await cast.manager.get(`/tickets/${first}/history?limit=500`)).events.map((event: { type: string }) => event.type);
      expect(history.indexOf('TicketNumbered'), 'numbered between the gate and the estimate').to.be.within(0, history.indexOf('TicketEstimated'));
      expect(answer.events.at(-1).data).to.include({ estimatedMinutes: 100, availableMinutes: 180, approvalRequired: false });
      expect(otherAnswer.events.at(-1).data).to.include({ estimatedMinutes: 100, availableMinutes: 80, approvalRequired: true });
      expect(await gatesOf(first, cast.accountB)).to.deep.equal([['EstimateGated', 'gate 0'], ['MinutesReservedForTicket', 'gate 0']]);
      expect(await gatesOf(other, cast.accountB)).to.deep.equal([['EstimateGated', 'gate 0'], ['MinutesReservedForTicket', 'gate 0']]);
      expect(created(await cast.manager.get(`/accounts/${cast.accountB}`)).availableMinutes).to.equal(180 - 100 - 100);
    } finally {
      release();
      numbers.numberFor = numberFor;
    }
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
