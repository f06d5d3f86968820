import { DeciderSpecification } from '#testing';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, agent, client, command, event, inProgress, iso, logged, manager, opened } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const offered = (offerId: string, expectedMinutes = 2400, priceCents = 1_200_000): TicketEvent => ({
  type: 'ProjectOfferRecorded', data: { ticketId: TICKET, accountId: ACCOUNT, expectedMinutes, priceCents, recordedAt: iso('2026-11-18T10:00'), offerId },
});
const escalatedWithOffer = () => [...inProgress(), event.escalated('2026-11-17T10:00'), offered('o1')];
const decide = (type: 'AcceptProjectOffer' | 'DeclineProjectOffer', offerId: string, by = client) =>
  command(type, { offerId, reason: 'Fora do orçamento' } as never, '2026-11-19T10:00', by);

describe('Project offers the client accepts or declines', () => {
  it('records the offer with its id', () =>
    spec([...inProgress(), event.escalated('2026-11-17T10:00')]).when(command('RecordProjectOffer', { expectedMinutes: 2400, priceCents: 1_200_000, offerId: 'o1' }, '2026-11-18T10:00'))
      .then([offered('o1')]));

  it('lets the client accept the current offer', () =>
    spec(escalatedWithOffer()).when(decide('AcceptProjectOffer', 'o1'))
      .then([{ type: 'ProjectOfferAccepted', data: { ticketId: TICKET, accountId: ACCOUNT, offerId: 'o1', acceptedBy: 'client', acceptedAt: iso('2026-11-19T10:00') } }]));

  it('lets a manager decline on the client\'s behalf, with a reason', () =>
    spec(escalatedWithOffer()).when(decide('DeclineProjectOffer', 'o1', manager)).then([{
      type: 'ProjectOfferDeclined', data: { ticketId: TICKET, accountId: ACCOUNT, offerId: 'o1', reason: 'Fora do orçamento', declinedBy: 'manager', declinedAt: iso('2026-11-19T10:00') },
    }]));

  it('refuses a decision on an offer that was revised since (a stale page)', () =>
    spec([...escalatedWithOffer(), offered('o2', 1800)]).when(decide('AcceptProjectOffer', 'o1')).thenThrows('PROJECT_OFFER_CHANGED'));

  it('keeps an accepted offer final, and takes a new offer after a decline', () => {
    const accepted: TicketEvent = { type: 'ProjectOfferAccepted', data: { ticketId: TICKET, accountId: ACCOUNT, offerId: 'o1', acceptedBy: 'client', acceptedAt: iso('2026-11-19T10:00') } };
    spec([...escalatedWithOffer(), accepted]).when(command('RecordProjectOffer', { expectedMinutes: 100, priceCents: 1, offerId: 'o2' }, '2026-11-18T10:00'))
      .thenThrows('PROJECT_OFFER_ALREADY_ACCEPTED');
    const declined: TicketEvent = { type: 'ProjectOfferDeclined', data: { ticketId: TICKET, accountId: ACCOUNT, offerId: 'o1', reason: '', declinedBy: 'client', declinedAt: iso('2026-11-19T10:00') } };
    spec([...escalatedWithOffer(), declined]).when(command('RecordProjectOffer', { expectedMinutes: 2400, priceCents: 1_200_000, offerId: 'o2' }, '2026-11-18T10:00'))
      .then([offered('o2')]);
  });

  it('refuses an agent deciding for the client', () => spec(escalatedWithOffer()).when(decide('AcceptProjectOffer', 'o1', agent)).thenThrows('ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_PROJECT_OFFER'));
});

describe('Out of scope (seed 000)', () => {
  const mark = (resolution: 'refuse' | 'escalate') =>
    command('MarkOutOfScope', { reason: 'unsupported_hosting', note: 'Servidor Windows não homologado', resolution }, '2026-11-16T16:00');
  const marked = (resolution: 'refuse' | 'escalate'): TicketEvent => ({
    type: 'TicketMarkedOutOfScope', data: { ticketId: TICKET, reason: 'unsupported_hosting', note: 'Servidor Windows não homologado', resolution, markedAt: iso('2026-11-16T16:00') },
  });
  const spent = { ticketId: TICKET, accountId: ACCOUNT, loggedMinutes: 30, minutesByActivity: { investigation: 30 } };
  const worked = () => [...inProgress(), logged('e1', 30, 'investigation')];

  it('refuses the ticket with the reason: it ends like a staff cancellation, its time debited', () =>
    spec(worked()).when(mark('refuse')).then([marked('refuse'), { type: 'TicketCancelled', data: { ...spent, reason: 'Servidor Windows não homologado', cancelledBy: 'agent', cancelledAt: iso('2026-11-16T16:00') } }]));

  it('or escalates it to a project', () =>
    spec(worked()).when(mark('escalate')).then([marked('escalate'), { type: 'TicketEscalated', data: { ...spent, reason: 'Servidor Windows não homologado', escalatedAt: iso('2026-11-16T16:00') } }]));

  it('knows only the listed reasons, and only an agent marks', () => {
    spec(worked()).when(command('MarkOutOfScope', { reason: 'astrology' as never, note: 'x', resolution: 'refuse' }, '2026-11-16T16:00')).thenThrows('UNKNOWN_OUT_OF_SCOPE_REASON');
    spec(worked()).when(command('MarkOutOfScope', { reason: 'seo', note: 'x', resolution: 'refuse' }, '2026-11-16T16:00', client)).thenThrows('ONLY_AGENT_MAY_MARK_OUT_OF_SCOPE');
    spec([opened()]).when(command('MarkOutOfScope', { reason: 'seo', note: ' ', resolution: 'refuse' }, '2026-11-16T16:00')).thenThrows('OUT_OF_SCOPE_NOTE_REQUIRED');
  });
});
