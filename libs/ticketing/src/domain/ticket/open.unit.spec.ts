import { DeciderSpecification } from '#testing';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, agent, client, command, iso, manager, opened } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const openData = (over: Record<string, unknown> = {}) => ({
  ticketId: TICKET, accountId: ACCOUNT, title: 'Fix the invoice export', description: 'CSV is empty',
  category: 'support' as const, firstResponseBusinessMinutes: 240, accountStatus: 'open' as const, ...over,
});
const open = (over: Record<string, unknown> = {}, by = client) =>
  command('OpenTicket', openData(over) as never, '2026-11-16T10:00', by);

describe('OpenTicket', () => {
  it('opens the ticket with the plan target in force and starts the first-response clock', () =>
    spec([]).when(open()).then([opened()]));

  it('is refused on a cancelled account, whoever opens it', () => {
    spec([]).when(open({ accountStatus: 'cancelled' })).thenThrows('ACCOUNT_IS_CANCELLED');
    spec([]).when(open({ accountStatus: 'cancelled' }, agent)).thenThrows('ACCOUNT_IS_CANCELLED');
  });

  it('may be opened by an agent', () =>
    spec([]).when(open({}, agent)).then([opened('2026-11-16T10:00', { openedBy: 'agent' })]));

  it('may not be opened by a manager', () =>
    spec([]).when(open({}, manager)).thenThrows('ONLY_CLIENT_OR_AGENT_MAY_OPEN_TICKET'));

  it('lets a training have 4 participants', () => {
    const participants = ['ana', 'bia', 'caio', 'duda'];
    spec([]).when(open({ category: 'training', participants })).then([
      opened('2026-11-16T10:00', { category: 'training', participants }),
    ]);
  });

  it('refuses a fifth training participant', () =>
    spec([]).when(open({ category: 'training', participants: ['a', 'b', 'c', 'd', 'e'] }))
      .thenThrows('TRAINING_ALLOWS_AT_MOST_4_PARTICIPANTS'));

  it('lets other categories have more than 4 participants', () => {
    const participants = ['a', 'b', 'c', 'd', 'e'];
    spec([]).when(open({ category: 'meeting', participants }))
      .then([opened('2026-11-16T10:00', { category: 'meeting', participants })]);
  });

  it('refuses an unknown category', () =>
    spec([]).when(open({ category: 'coffee' })).thenThrows('UNKNOWN_TICKET_CATEGORY'));

  it('requires a title', () => spec([]).when(open({ title: '  ' })).thenThrows('TICKET_TITLE_REQUIRED'));

  it('requires a positive whole first-response target', () =>
    spec([]).when(open({ firstResponseBusinessMinutes: 0 })).thenThrows('FIRST_RESPONSE_TARGET_MUST_BE_POSITIVE'));

  it('refuses to open the same ticket twice', () =>
    spec([opened()]).when(open()).thenThrows('TICKET_ALREADY_OPENED'));

  it('records instants as ISO-8601 UTC', () =>
    spec([]).when(open()).thenEvents(([event]) => {
      if (event?.type !== 'TicketOpened') throw new Error('expected TicketOpened');
      if (event.data.openedAt !== iso('2026-11-16T10:00') || !event.data.openedAt.endsWith('Z')) throw new Error(event.data.openedAt);
    }));
});
