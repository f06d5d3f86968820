import { DeciderSpecification } from '#testing';
import type { Actor } from './commands.js';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { TICKET, agent, client, command, delivered, estimated, event, inProgress, iso, logged, manager, opened } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
type LogData = { entryId: string; minutes: number; activity: 'development'; performedOn: string; note: string };
const log = (over: Partial<LogData> = {}, by: Actor = agent, local = '2026-11-16T15:00') =>
  command('LogTime', { entryId: 'e1', minutes: 90, activity: 'development', performedOn: '2026-11-16', note: '', ...over }, local, by);
const corrected = (correctionId: string, entryId: string, minutesDelta: number): TicketEvent => ({
  type: 'TimeEntryCorrected',
  data: { ticketId: TICKET, correctionId, entryId, minutesDelta, reason: 'Typo', correctedAt: iso('2026-11-16T17:00') },
});
const correct = (minutesDelta: number, over: Record<string, unknown> = {}, by: Actor = agent) =>
  command('CorrectTimeEntry', { correctionId: 'c1', entryId: 'e1', minutesDelta, reason: 'Typo', ...over } as never, '2026-11-16T17:00', by);

describe('LogTime', () => {
  it('records minutes while work is authorized', () => spec(inProgress()).when(log()).then([logged('e1', 90)]));

  it('records minutes after delivery, before acceptance', () =>
    spec(delivered()).when(log({ entryId: 'e2', minutes: 30 }, agent, '2026-11-16T17:00'))
      .then([logged('e2', 30, 'development', '2026-11-16T17:00')]));

  it('does nothing when the same entry is sent again', () =>
    spec([...inProgress(), logged('e1', 90)]).when(log()).thenNothingHappens());

  it('does nothing when a recorded entry is sent again after close', () =>
    spec([...inProgress(), logged('e1', 90), event.escalated('2026-11-16T16:00')]).when(log()).thenNothingHappens());

  it('refuses another entry under a used id', () =>
    spec([...inProgress(), logged('e1', 90)]).when(log({ minutes: 60 })).thenThrows('TIME_ENTRY_ID_ALREADY_USED'));

  it('is refused before an estimate authorizes work', () =>
    spec([opened()]).when(log()).thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));

  it('is refused while the estimate awaits approval', () =>
    spec([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100)]).when(log())
      .thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));

  it('is refused once the ticket is closed', () =>
    spec([...inProgress(), event.escalated('2026-11-16T14:00')]).when(log()).thenThrows('TICKET_IS_CLOSED'));

  it('is done by an agent only', () => spec(inProgress()).when(log({}, client)).thenThrows('ONLY_AGENT_MAY_LOG_TIME'));

  it('needs positive whole minutes', () =>
    spec(inProgress()).when(log({ minutes: 0 })).thenThrows('LOGGED_MINUTES_MUST_BE_POSITIVE'));

  it('refuses fractions of a minute', () =>
    spec(inProgress()).when(log({ minutes: 1.5 })).thenThrows('LOGGED_MINUTES_MUST_BE_POSITIVE'));

  it('needs a known activity', () =>
    spec(inProgress()).when(log({ activity: 'lunch' as never })).thenThrows('UNKNOWN_TIME_ACTIVITY'));

  it('needs a real date', () =>
    spec(inProgress()).when(log({ performedOn: '2026-02-30' })).thenThrows('PERFORMED_ON_MUST_BE_A_DATE'));
});

describe('CorrectTimeEntry', () => {
  const worked = () => [...inProgress(), logged('e1', 90)];

  it('records a correcting entry, leaving the original as it was', () =>
    spec(worked()).when(correct(-30)).then([corrected('c1', 'e1', -30)]));

  it('may add minutes', () => spec(worked()).when(correct(15)).then([corrected('c1', 'e1', 15)]));

  it('may bring the total to exactly zero', () => spec(worked()).when(correct(-90)).then([corrected('c1', 'e1', -90)]));

  it('never makes the ticket total negative', () =>
    spec(worked()).when(correct(-91)).thenThrows('CORRECTION_WOULD_MAKE_TOTAL_NEGATIVE'));

  it('counts earlier corrections in the total', () =>
    spec([...worked(), corrected('c0', 'e1', -60)]).when(correct(-31)).thenThrows('CORRECTION_WOULD_MAKE_TOTAL_NEGATIVE'));

  it('does nothing when the same correction is sent again', () =>
    spec([...worked(), corrected('c1', 'e1', -30)]).when(correct(-30)).thenNothingHappens());

  it('refuses another correction under a used id', () =>
    spec([...worked(), corrected('c1', 'e1', -30)]).when(correct(-10)).thenThrows('CORRECTION_ID_ALREADY_USED'));

  it('needs an existing entry', () =>
    spec(worked()).when(correct(-10, { entryId: 'nope' })).thenThrows('TIME_ENTRY_NOT_FOUND'));

  it('needs a reason', () => spec(worked()).when(correct(-10, { reason: ' ' })).thenThrows('CORRECTION_REASON_REQUIRED'));

  it('needs a non-zero whole change', () => spec(worked()).when(correct(0)).thenThrows('CORRECTION_MUST_CHANGE_WHOLE_MINUTES'));

  it('may be made by a manager', () => spec(worked()).when(correct(-30, {}, manager)).then([corrected('c1', 'e1', -30)]));

  it('may not be made by the client', () => spec(worked()).when(correct(-30, {}, client)).thenThrows('ONLY_STAFF_MAY_CORRECT_TIME'));

  it('is refused once the ticket is closed', () =>
    spec([...worked(), event.escalated('2026-11-16T16:00')]).when(correct(-30)).thenThrows('TICKET_IS_CLOSED'));
});
