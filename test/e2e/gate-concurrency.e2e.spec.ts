import { expect } from 'chai';
import fc from 'fast-check';
import { ApiHarness } from './support/harness.js';
import { created, openTicket, settle } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

/*
 * Property (issue 17): the approval gate cannot be raced. N ≥ 8 estimates sent at once on one account are decided
 * one after the other on the account stream: each sees what the others already hold, so the authorized ones never
 * add up to more than was available, and each decision is the one a serial run in the account's order gives.
 */
const RUNS = Number(process.env.GATE_RUNS ?? 10);
const SEED = Number(process.env.GATE_SEED ?? 20300604);

interface Batch {
  readonly packageMinutes: number;
  readonly earlier: readonly number[];
  readonly estimates: readonly number[];
}

const batchArbitrary: fc.Arbitrary<Batch> = fc.record({
  packageMinutes: fc.noBias(fc.integer({ min: 0, max: 3000 })),
  earlier: fc.array(fc.noBias(fc.integer({ min: 30, max: 900 })), { maxLength: 2 }),
  estimates: fc.array(fc.noBias(fc.integer({ min: 50, max: 1500 })), { minLength: 8, maxLength: 14 }),
});

describe('the approval gate under concurrent estimates over HTTP', function () {
  this.timeout(300_000);
  let api: ApiHarness;
  let manager: HttpClient;
  let agent: HttpClient;
  const decisions = { authorized: 0, toApproval: 0 };
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    manager = await api.as('manager');
    agent = await api.as('agent');
    created(await manager.post('/admin/clock', { now: '2030-06-04T12:00:00Z' }));
  });
  after(() => api?.close());

  const estimate = (ticket: string, minutes: number) => agent.post(`/tickets/${ticket}/estimate`, { minutes, expectedDeliveryAt: '2030-06-20T18:00:00Z' });

  const play = async ({ packageMinutes, earlier, estimates }: Batch) => {
    const accountId = created(await manager.post('/accounts', { clientName: 'Corrida', plan: 'START', firstPeriod: '2030-06', overageRateCentsPerHour: 9000 })).id;
    if (packageMinutes > 0) created(await manager.post(`/accounts/${accountId}/packages`, { minutes: packageMinutes }));
    for (const minutes of earlier) created(await estimate(await openTicket(agent, accountId), minutes));
    await settle(manager);
    const before = created(await manager.get(`/accounts/${accountId}`)).availableMinutes as number;
    const tickets: string[] = [];
    for (let i = 0; i < estimates.length; i++) tickets.push(await openTicket(agent, accountId));
    const answers = await Promise.all(tickets.map((ticket, i) => estimate(ticket, estimates[i]!)));
    for (const answer of answers) expect(answer.status, answer.text).to.equal(200);
    await settle(manager);
    const ledger = created(await manager.get(`/accounts/${accountId}/ledger?limit=500`)).events as { type: string; data: any }[];
    return { before, tickets, answers, gates: ledger.filter((event) => event.type === 'EstimateGated' && tickets.includes(event.data.ticketId)) };
  };

  it(`never authorizes more than was available, each estimate decided as in a serial run (${RUNS} batches of 8–14, seed ${SEED})`, () =>
    fc.assert(
      fc.asyncProperty(batchArbitrary, async (batch) => {
        const { before, tickets, answers, gates } = await play(batch);
        expect(gates).to.have.length(tickets.length);
        let held = 0;
        for (const gate of gates) {
          expect(gate.data.availableMinutes, 'sees every estimate decided before it').to.equal(before - held);
          expect(gate.data.approvalRequired).to.equal(gate.data.minutes > before - held);
          held += gate.data.minutes;
        }
        const authorized = gates.filter((gate) => !gate.data.approvalRequired);
        expect(authorized.reduce((sum, gate) => sum + gate.data.minutes, 0)).to.be.at.most(Math.max(before, 0));
        answers.forEach((answer, i) => {
          const recorded = answer.body.events.find((event: { type: string }) => event.type === 'TicketEstimated').data;
          const gate = gates.find((candidate) => candidate.data.ticketId === tickets[i])!;
          expect(recorded).to.include({ availableMinutes: gate.data.availableMinutes, approvalRequired: gate.data.approvalRequired });
        });
        decisions.authorized += authorized.length;
        decisions.toApproval += gates.length - authorized.length;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    ));

  it('decided some estimates each way (the property had something to compare)', () => {
    expect(decisions.authorized, JSON.stringify(decisions)).to.be.above(0);
    expect(decisions.toApproval, JSON.stringify(decisions)).to.be.above(0);
  });
});
