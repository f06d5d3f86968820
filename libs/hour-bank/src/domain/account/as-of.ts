import { Temporal } from 'temporal-polyfill';
import { foldFrom, assertNever } from '#kernel';
import type { AccountEvent } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import { type AccountState, initialAccountState } from './account-state.js';
import { dueFacts } from './due-facts.js';
import type { CalendarSet } from './contract-terms.js';

/**
 * When an account event took effect in business terms: a credit at its period's start, an expiry at its lot's
 * expiry, an invoice on its invoice day, a debit when its ticket ended. When it was recorded is in its metadata.
 */
export const businessTimeOf = (event: AccountEvent): string => {
  switch (event.type) {
    case 'AccountOpened': return event.data.openedAt;
    case 'MonthlyPlanCredited': return event.data.creditedAt;
    case 'PackagePurchased': return event.data.purchasedAt;
    case 'AdjustmentCredited':
    case 'AdjustmentDebited': return event.data.adjustedAt;
    case 'PlanChanged': return event.data.changedAt;
    case 'EstimateGated': return event.data.gatedAt;
    case 'EstimateGateVoided': return event.data.voidedAt;
    case 'MinutesReservedForTicket': return event.data.reservedAt;
    case 'TicketReservationReleased': return event.data.releasedAt;
    case 'TicketDebited': return event.data.endedAt ?? event.data.debitedAt;
    case 'LotExpired': return event.data.expiredAt;
    case 'OverageInvoiced': return event.data.invoicedAt;
    case 'AccountCancelled': return event.data.cancelledAt;
    case 'PlanDiscontinued': return event.data.changedAt;
    case 'AccountManagerAssigned': return event.data.assignedAt;
    case 'AccountManagerRemoved': return event.data.removedAt;
    case 'SupportChannelsSet': return event.data.setAt;
    case 'ContractAmended': return event.data.amendedAt;
    case 'AlertSettingsChanged': return event.data.changedAt;
    case 'LowBalanceAlerted':
    case 'LotExpiringSoonAlerted':
    case 'ShortfallAlerted': return event.data.alertedAt;
    case 'MaintenanceScheduled': return event.data.scheduledAt;
    case 'MaintenanceScheduleEnded': return event.data.endedAt;
    case 'MaintenanceTicketDue': return event.data.dueAt;
    default: return assertNever(event);
  }
};

/** The facts nobody commands: they happen at their due instant, recorded by whichever process notices them. */
export const isTimeTriggeredAccountEvent = (event: AccountEvent): boolean => timeTriggered.has(event.type);

const timeTriggered = new Set<AccountEvent['type']>([
  'MonthlyPlanCredited', 'LotExpired', 'OverageInvoiced', 'LowBalanceAlerted', 'LotExpiringSoonAlerted', 'ShortfallAlerted', 'MaintenanceTicketDue',
]);

/**
 * The account's events as the log says they stood at `asOf` (which includes what happened at `asOf`): those that
 * had taken effect by then, in stream order, then the time-triggered facts due by then and not written yet.
 */
export const accountEventsAsOf = (events: Iterable<AccountEvent>, asOf: Temporal.Instant, calendar: CalendarSet): AccountEvent[] => {
  const happened = happenedBy(events, asOf);
  const state = foldFrom(evolveAccount, initialAccountState(), happened);
  return state.status === 'unopened' ? happened : [...happened, ...dueFacts(state, asOf, calendar)];
};

/** The recorded events that had taken effect by `asOf` (included), in stream order: nothing due and unwritten is added. */
export const happenedBy = (events: Iterable<AccountEvent>, asOf: Temporal.Instant): AccountEvent[] =>
  [...events].filter((event) => Temporal.Instant.compare(Temporal.Instant.from(businessTimeOf(event)), asOf) <= 0);

/** The account as the log says it stood at `asOf`: see accountEventsAsOf. */
export const accountAsOf = (events: Iterable<AccountEvent>, asOf: Temporal.Instant, calendar: CalendarSet): AccountState =>
  foldFrom(evolveAccount, initialAccountState(), accountEventsAsOf(events, asOf, calendar));

/** A state with the facts due by `at` applied, as a reader sees it (nothing is written). */
export const withDueFacts = (state: AccountState, at: Temporal.Instant, calendar: CalendarSet): AccountState =>
  state.status === 'unopened' ? state : foldFrom<AccountEvent, AccountState>(evolveAccount, state, dueFacts(state, at, calendar));
