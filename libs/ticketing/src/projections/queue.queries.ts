import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { ReadModelReader } from '#projections';
import { slaTimers, type SlaTimer } from '../domain/sla/sla-timers.js';
import { isFinished, type OpenedTicket } from '../domain/ticket/state.js';
import type { TicketPriority } from '../domain/ticket/service-events.js';

/** How urgent a ticket in the queue is: a breached promise first, then one at risk, then running, then waiting on the client. */
export type Urgency = 'breached' | 'atRisk' | 'running' | 'waiting' | 'done';
const URGENCY_RANK: Readonly<Record<Urgency, number>> = { breached: 0, atRisk: 1, running: 2, waiting: 3, done: 4 };

export interface QueueItem {
  readonly ticketId: string;
  readonly number: number | null;
  readonly accountId: string;
  readonly title: string;
  readonly category: string;
  readonly status: string;
  readonly openedAt: string;
  readonly loggedMinutes: number;
  readonly estimatedMinutes: number | null;
  readonly urgency: Urgency;
  /** The timer the ticket is ordered by (the running one; the first response before the delivery promise). */
  readonly sla: SlaTimer | null;
  readonly priority: TicketPriority;
  readonly assignee: { readonly userId: string; readonly name: string } | null;
}

export interface QueueFilter {
  readonly accountIds?: readonly string[];
  /** Absent: every unfinished ticket. */
  readonly status?: string;
  readonly category?: string;
  /** A user id, or null for the tickets nobody is assigned to. */
  readonly assigneeId?: string | null;
  readonly priority?: TicketPriority;
  /** 'sla' (default): by urgency and due time; 'priority': urgent first, then by urgency and due time. */
  readonly order?: 'sla' | 'priority';
}

const PRIORITY_RANK: Readonly<Record<TicketPriority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

const urgencyOf = (ticket: OpenedTicket, timer: SlaTimer | null, breachedAny: boolean): Urgency => {
  if (isFinished(ticket)) return 'done';
  if (breachedAny) return 'breached';
  if (!timer || timer.paused) return 'waiting';
  return timer.atRisk ? 'atRisk' : 'running';
};

const pick = (timers: ReturnType<typeof slaTimers>): SlaTimer | null => {
  const running = [timers.firstResponse, timers.deliveryPromise].filter((t): t is SlaTimer => t?.status === 'running');
  return running[0] ?? null;
};

const bySla = (a: QueueItem, b: QueueItem): number =>
  URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency]
  || (a.sla && b.sla ? Temporal.Instant.compare(Temporal.Instant.from(a.sla.dueAt), Temporal.Instant.from(b.sla.dueAt)) : a.sla ? -1 : b.sla ? 1 : 0)
  || a.openedAt.localeCompare(b.openedAt) || a.ticketId.localeCompare(b.ticketId);

const byPriority = (a: QueueItem, b: QueueItem): number => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || bySla(a, b);

const rowsOf = (db: ReadModelReader, filter: QueueFilter): Promise<{ state: string; number: number | null }[]> => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.accountIds) (clauses.push(`account_id IN (${filter.accountIds.map(() => '?').join(', ') || 'NULL'})`), params.push(...filter.accountIds));
  if (filter.status) (clauses.push('status = ?'), params.push(filter.status));
  else clauses.push(`status NOT IN ('closed', 'cancelled', 'escalated')`);
  if (filter.category) (clauses.push('category = ?'), params.push(filter.category));
  if (filter.assigneeId === null) clauses.push('assignee_id IS NULL');
  else if (filter.assigneeId !== undefined) (clauses.push('assignee_id = ?'), params.push(filter.assigneeId));
  if (filter.priority) (clauses.push('priority = ?'), params.push(filter.priority));
  return db.all<{ state: string; number: number | null }>(`SELECT state, number FROM ticket_list WHERE ${clauses.join(' AND ')}`, params);
};

/**
 * The agent's queue: tickets ordered by their SLA due time at `now`, breached first, then at risk, then the
 * other running ones, then those waiting on the client (or by priority first); each with the timer it is ordered by,
 * its priority and assignee.
 */
export const queryQueue = async (
  db: ReadModelReader,
  filter: QueueFilter,
  calendarOf: (ticket: OpenedTicket) => Promise<BusinessCalendar>,
  now: Temporal.Instant,
): Promise<QueueItem[]> => {
  const items: QueueItem[] = [];
  for (const row of await rowsOf(db, filter)) {
    const ticket = JSON.parse(row.state) as OpenedTicket;
    const timers = slaTimers(ticket, await calendarOf(ticket), now);
    const breachedAny = [timers.firstResponse, timers.deliveryPromise].some((t) => t?.status === 'breached');
    const timer = pick(timers) ?? (breachedAny ? [timers.firstResponse, timers.deliveryPromise].find((t) => t?.status === 'breached') ?? null : null);
    items.push({
      ticketId: ticket.ticketId, number: row.number, accountId: ticket.accountId, title: ticket.title, category: ticket.category,
      status: ticket.status, openedAt: ticket.openedAt, loggedMinutes: ticket.loggedMinutes,
      estimatedMinutes: ticket.estimate?.estimatedMinutes ?? null, urgency: urgencyOf(ticket, timer, breachedAny), sla: timer,
      priority: ticket.priority ?? 'normal', assignee: ticket.assignee ?? null,
    });
  }
  return items.sort(filter.order === 'priority' ? byPriority : bySla);
};
