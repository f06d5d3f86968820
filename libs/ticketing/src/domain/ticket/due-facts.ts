import { Temporal } from 'temporal-polyfill';
import { foldFrom } from '#kernel';
import { unrecordedBreach } from '../sla/record-breach.js';
import { autoCloseDueAt } from '../sla/sla-deadlines.js';
import { slaRisks } from '../sla/sla-risk.js';
import { formatInstant, parseInstant } from '../sla/iso-instant.js';
import type { TicketTimeRules } from './commands.js';
import type { SlaKind, TicketEvent } from './events.js';
import { evolve } from './evolve.js';
import { minutesByActivity, type OpenedTicket, type TicketState } from './state.js';

/**
 * A time-triggered fact of a ticket: at one instant the automatic close (rank 3) comes before an at-risk alert (4),
 * and that before a breach (5).
 */
interface DueFact {
  readonly at: Temporal.Instant;
  readonly rank: 3 | 4 | 5;
  readonly event: TicketEvent;
}

export const timeSpent = (state: OpenedTicket) => ({
  ticketId: state.ticketId, accountId: state.accountId,
  loggedMinutes: state.loggedMinutes, minutesByActivity: minutesByActivity(state),
});

/** The close of a delivered ticket left unanswered: it happens at its due instant, dated then. */
const autoCloseFact = (state: OpenedTicket, rules: TicketTimeRules): DueFact | undefined => {
  const due = autoCloseDueAt(state, rules.calendar, rules.autoCloseBusinessDays);
  if (!due) return undefined;
  const event: TicketEvent = { type: 'TicketClosed', data: { ...timeSpent(state), how: 'autoClosed', closedAt: formatInstant(due) } };
  return { at: due, rank: 3, event };
};

/** A breach exists from the first millisecond after its due time. */
const breachFact = (state: OpenedTicket, kind: SlaKind, rules: TicketTimeRules, until: Temporal.Instant): DueFact | undefined => {
  const [breach] = unrecordedBreach(state, kind, rules.calendar, until);
  return breach && { at: parseInstant(breach.data.dueAt).add({ milliseconds: 1 }), rank: 5, event: breach };
};

const riskFacts = (state: OpenedTicket, rules: TicketTimeRules): DueFact[] =>
  slaRisks(state, rules.calendar).map(({ atRiskAt, event }) => ({ at: atRiskAt, rank: 4, event }));

const earliest = (facts: readonly (DueFact | undefined)[]): DueFact | undefined =>
  facts.reduce<DueFact | undefined>((best, fact) => {
    if (!fact) return best;
    if (!best) return fact;
    return (Temporal.Instant.compare(fact.at, best.at) || fact.rank - best.rank) < 0 ? fact : best;
  }, undefined);

/**
 * Every time-triggered fact of the ticket due at or before `until` and not in the stream yet, in the order it
 * happened: SLA timers reaching 80 % (at risk), SLA breaches (recorded with their due time) and the automatic close
 * of a delivered ticket nobody answered (closed at its due instant), whichever process notices them and however late.
 */
export const dueTicketFacts = (state: TicketState, until: Temporal.Instant, rules: TicketTimeRules): TicketEvent[] => {
  const events: TicketEvent[] = [];
  let current = state;
  while (current.status !== 'notOpened') {
    const ticket = current;
    const next = earliest([
      autoCloseFact(ticket, rules), ...riskFacts(ticket, rules), breachFact(ticket, 'firstResponse', rules, until), breachFact(ticket, 'deliveryPromise', rules, until),
    ]);
    if (!next || Temporal.Instant.compare(next.at, until) > 0) break;
    events.push(next.event);
    current = evolve(current, next.event);
  }
  return events;
};

/** A person's decision at `now` comes after what was due by then; a decision that does nothing writes nothing. */
export const afterDueTicketFacts = <Event extends TicketEvent>(
  state: TicketState, now: Temporal.Instant, rules: TicketTimeRules, decide: (state: TicketState) => Event[],
): TicketEvent[] => {
  const due = dueTicketFacts(state, now, rules);
  const events = decide(foldFrom(evolve, state, due));
  return events.length === 0 ? [] : [...due, ...events];
};

/** The facts nobody commands: they happen at their due instant, recorded by whichever process notices them. */
export const isTimeTriggeredTicketEvent = (event: TicketEvent): boolean =>
  event.type === 'SlaBreached' || event.type === 'SlaAtRisk' || (event.type === 'TicketClosed' && event.data.how === 'autoClosed');
