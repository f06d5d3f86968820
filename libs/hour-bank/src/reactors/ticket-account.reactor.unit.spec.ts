import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import type { RecordedEvent } from '#kernel';
import { ticketEventNames } from '#ticketing';
import type { AccountPipeline, AccountCommandRun } from '../application/account-pipeline.js';
import { DebitTicketCommand, DebitTicketHandler } from '../application/commands/ticket-account.handlers.js';
import type { AccountState } from '../domain/account/account-state.js';
import { ticketAccountReactor } from './ticket-account.reactor.js';

const recordedAt = '2026-12-03T12:00:00Z';
const spent = { ticketId: 't1', accountId: 'acme', loggedMinutes: 200, minutesByActivity: { development: 200 } };
const recorded = (type: keyof typeof ticketEventNames, data: object, occurredAt = '2026-11-30T20:00:00.500Z'): RecordedEvent => ({
  id: 'e1', type: ticketEventNames[type], data: { ...spent, ...data },
  metadata: { actor: 'u1', correlationId: 'c1', occurredAt },
  stream: 'ticket-t1', revision: 9, position: 42, recordedAt,
});

/** What the reactor sends for one recorded event. */
const sentFor = async (event: RecordedEvent): Promise<unknown[]> => {
  const sent: unknown[] = [];
  await ticketAccountReactor(async (command) => {
    sent.push(command);
    return { accountId: command.accountId, events: [], revision: 0, position: 0 } as never;
  }, async () => false).handle(event);
  return sent;
};
const debitInput = (endedAt: string) => ({ ticketId: 't1', minutes: 200, endedAt });

describe('ticket→account reactor: debits as of the end of the ticket', () => {
  const ends = [
    ['TicketClosed', { how: 'accepted', closedAt: '2026-11-30T20:00:00Z' }],
    ['TicketCancelled', { reason: 'r', cancelledBy: 'agent', cancelledAt: '2026-11-30T20:00:00Z' }],
    ['TicketEscalated', { reason: 'r', escalatedAt: '2026-11-30T20:00:00Z' }],
  ] as const;
  for (const [type, data] of ends) {
    it(`passes the instant in ${type}'s data, not when it runs`, async () => {
      const [command] = await sentFor(recorded(type, data));
      expect(command).to.be.instanceOf(DebitTicketCommand);
      expect((command as DebitTicketCommand).input).to.deep.equal(debitInput('2026-11-30T20:00:00Z'));
      expect((command as DebitTicketCommand).context.commandId).to.equal('ticket-account:e1');
    });
  }

  it("falls back to the event's occurredAt when its data has no end instant", async () => {
    const [command] = await sentFor(recorded('TicketClosed', { how: 'accepted' }));
    expect((command as DebitTicketCommand).input).to.deep.equal(debitInput('2026-11-30T20:00:00.500Z'));
  });

  it('the handler carries the end into the DebitTicket command, beside the pipeline\'s now', async () => {
    let run: AccountCommandRun | undefined;
    const accounts = { run: async (given: AccountCommandRun) => ((run = given), {}) } as unknown as AccountPipeline;
    const context = { actor: 'system', correlationId: 'c1', commandId: 'x' } as DebitTicketCommand['context'];
    await new DebitTicketHandler(accounts).execute(new DebitTicketCommand('acme', debitInput('2026-11-30T20:00:00Z'), context));
    const now = Temporal.Instant.from(recordedAt);
    expect(run?.build(now, { status: 'unopened' } as AccountState)).to.deep.equal({
      type: 'DebitTicket', now, data: { ticketId: 't1', minutes: 200, endedAt: Temporal.Instant.from('2026-11-30T20:00:00Z') },
    });
  });
});
