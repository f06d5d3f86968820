import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { ReadModelReader } from '#projections';
import { type SlaStatus, type SlaTimer, slaTimers } from '../domain/sla/sla-timers.js';
import type { OpenedTicket } from '../domain/ticket/state.js';

export interface SlaTimerView extends SlaTimer {
  readonly ticketId: string;
  readonly accountId: string;
  readonly ticketStatus: string;
}

export interface SlaTimerFilter {
  /** Absent: every account; a client's list is its own accounts. */
  readonly accountIds?: readonly string[];
  readonly status?: SlaStatus;
  readonly atRisk?: boolean;
}

interface Row {
  state: string;
}

const rowsOf = (db: ReadModelReader, filter: SlaTimerFilter): Promise<Row[]> => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.accountIds) {
    clauses.push(`account_id IN (${filter.accountIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.accountIds);
  }
  if (filter.status === 'running' || filter.atRisk) clauses.push('settled = 0');
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return db.all<Row>(`SELECT state FROM sla_timers ${where} ORDER BY opened_at DESC, ticket_id`, params);
};

/**
 * The live SLA timers, computed from the stored inputs with each account's business calendar at `now`, then
 * filtered and paged (newest tickets first, first response before delivery promise).
 */
export const querySlaTimers = async (
  db: ReadModelReader,
  filter: SlaTimerFilter,
  calendarOf: (ticket: OpenedTicket) => Promise<BusinessCalendar>,
  now: Temporal.Instant,
  page: { readonly page: number; readonly size: number },
): Promise<{ items: SlaTimerView[]; total: number }> => {
  const calendars = new Map<string, Promise<BusinessCalendar>>();
  const calendar = (ticket: OpenedTicket) => {
    const key = `${ticket.accountId} ${ticket.calendarId ?? ''}`;
    if (!calendars.has(key)) calendars.set(key, calendarOf(ticket));
    return calendars.get(key)!;
  };
  const views: SlaTimerView[] = [];
  for (const row of await rowsOf(db, filter)) {
    const state = JSON.parse(row.state) as OpenedTicket;
    const timers = slaTimers(state, await calendar(state), now);
    for (const timer of [timers.firstResponse, timers.deliveryPromise]) {
      if (!timer) continue;
      if (filter.status !== undefined && timer.status !== filter.status) continue;
      if (filter.atRisk !== undefined && timer.atRisk !== filter.atRisk) continue;
      views.push({ ticketId: state.ticketId, accountId: state.accountId, ticketStatus: state.status, ...timer });
    }
  }
  const start = (page.page - 1) * page.size;
  return { items: views.slice(start, start + page.size), total: views.length };
};
