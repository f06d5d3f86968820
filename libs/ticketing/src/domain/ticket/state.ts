import type { ActorRole, SlaKind, TicketCategory, TimeActivity } from './events.js';
import type { Executor, OutOfScopeReason, TicketPriority } from './service-events.js';

export type OpenTicketStatus =
  | 'open' | 'awaitingClarification' | 'awaitingApproval' | 'rejected' | 'inProgress' | 'delivered'
  | 'closed' | 'cancelled' | 'escalated';

export interface TimeEntry {
  readonly minutes: number; readonly activity: TimeActivity; readonly performedOn: string; readonly note: string;
}
export interface TimeCorrection {
  readonly entryId: string; readonly minutesDelta: number; readonly reason: string;
}
/** A stretch of time the ticket waits on the client; `until` is absent while still waiting. */
export interface ClientWait { readonly from: string; readonly until?: string }

export interface FirstResponseFacts {
  readonly startedAt: string;
  readonly targetMinutes: number;
  readonly endedAt?: string;
  /** responded: met by staff; clientCancelled: stopped, neither met nor breached. */
  readonly end?: 'responded' | 'clientCancelled';
}
export interface DeliveryPromiseFacts {
  readonly estimatedAt: string;
  readonly expectedDeliveryAt: string;
  readonly waits: readonly ClientWait[];
  readonly endedAt?: string;
  readonly end?: 'delivered' | 'stopped';
}
export interface SlaFacts {
  readonly firstResponse: FirstResponseFacts;
  readonly deliveryPromise?: DeliveryPromiseFacts;
  readonly breaches: Readonly<Partial<Record<SlaKind, string>>>;
  /** The timers alerted as at risk: the first response (its start), the delivery promise (its estimate). */
  readonly atRisk?: Readonly<Partial<Record<SlaKind, string>>>;
}

export interface PendingQuestion { readonly question: string; readonly recordedAt: string; readonly answer?: string; readonly answeredAt?: string }

/** An overrun waiting for the client's decision: the estimate it would replace. */
export interface PendingOverrun { readonly previousEstimatedMinutes: number; readonly estimatedMinutes: number; readonly requestedAt: string }

export interface OpenedTicket {
  readonly status: OpenTicketStatus;
  readonly ticketId: string;
  readonly accountId: string;
  readonly title: string;
  readonly category: TicketCategory;
  readonly participants: readonly string[];
  readonly openedAt: string;
  readonly openedBy: ActorRole;
  /** Where a provided clarification returns the ticket to. */
  readonly resumeTo?: 'open' | 'inProgress';
  readonly estimate?: { readonly estimatedMinutes: number; readonly expectedDeliveryAt: string; readonly estimatedAt: string };
  readonly entries: Readonly<Record<string, TimeEntry>>;
  readonly corrections: Readonly<Record<string, TimeCorrection>>;
  readonly loggedMinutes: number;
  readonly deliveredAt?: string;
  readonly firstDeliveredAt?: string;
  readonly projectOffer?: {
    readonly expectedMinutes: number; readonly priceCents: number; readonly offerId?: string; readonly recordedAt?: string;
    readonly decision?: 'accepted' | 'declined';
  };
  /** The account's calendar in force when the ticket opened (absent: the account's opening calendar). */
  readonly calendarId?: string;
  readonly priority?: TicketPriority;
  readonly assignee?: { readonly userId: string; readonly name: string };
  readonly executionPlan?: { readonly plan: string; readonly executedBy: Executor };
  readonly pendingQuestions?: Readonly<Record<string, PendingQuestion>>;
  readonly outOfScope?: { readonly reason: OutOfScopeReason; readonly note: string };
  readonly pendingOverrun?: PendingOverrun;
  readonly maintenance?: { readonly scheduleId: string; readonly occurrence: string; readonly kind: string };
  /** How and when a closed ticket closed. */
  readonly closed?: { readonly how: 'accepted' | 'autoClosed'; readonly at: string };
  /** The human number, once the numbering reactor has given it (moments after opening). */
  readonly number?: number;
  readonly sla: SlaFacts;
}

export type TicketState = { readonly status: 'notOpened' } | OpenedTicket;

export const initialTicketState = (): TicketState => ({ status: 'notOpened' });

export const isFinished = (state: OpenedTicket): boolean =>
  state.status === 'closed' || state.status === 'cancelled' || state.status === 'escalated';

export const minutesByActivity = (state: OpenedTicket): Partial<Record<TimeActivity, number>> => {
  const totals: Partial<Record<TimeActivity, number>> = {};
  const add = (activity: TimeActivity, minutes: number) => { totals[activity] = (totals[activity] ?? 0) + minutes; };
  for (const entry of Object.values(state.entries)) add(entry.activity, entry.minutes);
  for (const correction of Object.values(state.corrections)) {
    const entry = state.entries[correction.entryId];
    if (entry) add(entry.activity, correction.minutesDelta);
  }
  return totals;
};
