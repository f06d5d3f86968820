import { DeciderSpecification } from '#testing';
import { ticketDecider } from './ticket-decider.js';
import { TICKET, agent, client, command, event, estimated, inProgress, iso, opened } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const ask = (by = agent, local = '2026-11-16T11:00') => command('RequestClarification', { question: 'Which export?' }, local, by);
const answer = (by = client, local = '2026-11-16T14:00') => command('ProvideClarification', { answer: 'The monthly one' }, local, by);
const logTime = command('LogTime', { entryId: 'e1', minutes: 30, activity: 'analysis', performedOn: '2026-11-16', note: '' }, '2026-11-16T15:00');

describe('RequestClarification', () => {
  it('puts an open ticket to wait on the client', () =>
    spec([opened()]).when(ask()).then([event.clarificationRequested('2026-11-16T11:00')]));

  it('may be asked during authorized work', () =>
    spec(inProgress()).when(ask(agent, '2026-11-16T13:00')).then([event.clarificationRequested('2026-11-16T13:00')]));

  it('is asked by an agent only', () => spec([opened()]).when(ask(client)).thenThrows('ONLY_AGENT_MAY_REQUEST_CLARIFICATION'));

  it('is not asked while an estimate awaits approval', () =>
    spec([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100)]).when(ask(agent, '2026-11-16T12:00'))
      .thenThrows('CLARIFICATION_ONLY_BEFORE_ESTIMATE_OR_DURING_WORK'));

  it('needs a question', () =>
    spec([opened()]).when(command('RequestClarification', { question: '' }, '2026-11-16T11:00'))
      .thenThrows('CLARIFICATION_QUESTION_REQUIRED'));

  it('is refused on a closed ticket', () =>
    spec([opened(), event.escalated('2026-11-16T11:00')]).when(ask()).thenThrows('TICKET_IS_CLOSED'));

  it('is refused on a ticket that does not exist', () => spec([]).when(ask()).thenThrows('TICKET_NOT_FOUND'));
});

describe('ProvideClarification', () => {
  it('records the answer', () =>
    spec([opened(), event.clarificationRequested('2026-11-16T11:00')]).when(answer())
      .then([{ type: 'ClarificationProvided', data: { ticketId: TICKET, answer: 'The monthly one', providedAt: iso('2026-11-16T14:00') } }]));

  it('is given by the client only', () =>
    spec([opened(), event.clarificationRequested('2026-11-16T11:00')]).when(answer(agent))
      .thenThrows('ONLY_CLIENT_MAY_PROVIDE_CLARIFICATION'));

  it('needs a question to answer', () => spec([opened()]).when(answer()).thenThrows('NO_CLARIFICATION_REQUESTED'));

  it('returns a ticket asked during work to authorized work', () =>
    spec([...inProgress(), event.clarificationRequested('2026-11-16T13:00'), event.clarificationProvided('2026-11-16T14:00')])
      .when(logTime).thenEvents((events) => { if (events[0]?.type !== 'TimeLogged') throw new Error('not logged'); }));

  it('returns a ticket asked before the estimate to open, where no time can be logged', () =>
    spec([opened(), event.clarificationRequested('2026-11-16T11:00'), event.clarificationProvided('2026-11-16T14:00')])
      .when(logTime).thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));

  it('leaves no time to be logged while waiting on the client', () =>
    spec([...inProgress(), event.clarificationRequested('2026-11-16T13:00')])
      .when(logTime).thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));
});
