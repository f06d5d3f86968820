import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { ReadModelReader } from '#projections';
import { type SlaStatus, type SlaTimer, slaTimers } from '../domain/sla/sla-timers.js';
import type { SlaKind } from '../domain/ticket/events.js';
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

/** Where a timer stands in the list (newest tickets first, then by ticket id, first response before delivery promise). */
export interface SlaTimerKey {
  readonly openedAt: string;
  readonly ticketId: string;
  readonly kind: SlaKind;
}

/** A page by offset (with the filter's total), or the page after a key (keyset: it reads its own rows only). */
export type SlaTimerStart = { readonly page: number } | { readonly after: SlaTimerKey };

export interface SlaTimerSlice {
  readonly items: SlaTimerView[];
  readonly total?: number;
  /** The key of the page's last timer, when more follow. */
  readonly next?: SlaTimerKey;
}

const KIND_RANK: Readonly<Record<SlaKind, number>> = { firstResponse: 0, deliveryPromise: 1 };

const clausesOf = (filter: SlaTimerFilter): { clauses: string[]; params: unknown[] } => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.accountIds) {
    clauses.push(`account_id IN (${filter.accountIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.accountIds);
  }
  if (filter.status === 'running' || filter.atRisk) clauses.push('settled = 0');
  return { clauses, params };
};

/** The filter's rows in the list's order from `from` (its ticket included), at most `limit`: a range on the filter's index. */
const rowsFrom = (db: ReadModelReader, filter: SlaTimerFilter, from: SlaTimerKey | undefined, limit: number | undefined): Promise<Row[]> => {
  const { clauses, params } = clausesOf(filter);
  if (from) {
    clauses.push('opened_at <= ? AND (opened_at < ? OR ticket_id >= ?)');
    params.push(from.openedAt, from.openedAt, from.ticketId);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const page = limit === undefined ? '' : ` LIMIT ${limit}`;
  return db.all<Row>(`SELECT state FROM sla_timers ${where} ORDER BY opened_at DESC, ticket_id${page}`, params);
};

type Keyed = { readonly view: SlaTimerView; readonly key: SlaTimerKey };

/** The timers of one stored ticket that pass the filter at `now`, each with its key. */
const timersOf = (state: OpenedTicket, calendar: BusinessCalendar, filter: SlaTimerFilter, now: Temporal.Instant): Keyed[] => {
  const timers = slaTimers(state, calendar, now);
  const keyed: Keyed[] = [];
  for (const timer of [timers.firstResponse, timers.deliveryPromise]) {
    if (!timer) continue;
    if (filter.status !== undefined && timer.status !== filter.status) continue;
    if (filter.atRisk !== undefined && timer.atRisk !== filter.atRisk) continue;
    keyed.push({ view: { ticketId: state.ticketId, accountId: state.accountId, ticketStatus: state.status, ...timer }, key: { openedAt: state.openedAt, ticketId: state.ticketId, kind: timer.kind } });
  }
  return keyed;
};

const after = (key: SlaTimerKey, bound: SlaTimerKey): boolean =>
  key.ticketId !== bound.ticketId || KIND_RANK[key.kind] > KIND_RANK[bound.kind];

/**
 * The live SLA timers, computed from the stored inputs with each account's business calendar at `now`, then
 * filtered and paged (newest tickets first, first response before delivery promise). The order is the stored one,
 * so a walk by key computed at one `now` (the cursor keeps it) never skips nor repeats a timer; a page after a key
 * reads the filter's rows from there in growing chunks until it holds `size` timers (and one more, to know of a next).
 */
export const querySlaTimers = async (
  db: ReadModelReader,
  filter: SlaTimerFilter,
  calendarOf: (ticket: OpenedTicket) => Promise<BusinessCalendar>,
  now: Temporal.Instant,
  start: SlaTimerStart,
  size: number,
): Promise<SlaTimerSlice> => {
  const calendars = new Map<string, Promise<BusinessCalendar>>();
  const calendar = (ticket: OpenedTicket) => {
    const key = `${ticket.accountId} ${ticket.calendarId ?? ''}`;
    if (!calendars.has(key)) calendars.set(key, calendarOf(ticket));
    return calendars.get(key)!;
  };
  const collect = async (rows: Row[], bound: SlaTimerKey | undefined, into: Keyed[]) => {
    for (const row of rows) {
      const state = JSON.parse(row.state) as OpenedTicket;
      for (const keyed of timersOf(state, await calendar(state), filter, now)) if (!bound || after(keyed.key, bound)) into.push(keyed);
    }
  };
  const slice = (keyed: Keyed[], from: number, total?: number): SlaTimerSlice => {
    const items = keyed.slice(from, from + size);
    const next = keyed.length > from + size ? items.at(-1)!.key : undefined;
    return { items: items.map((k) => k.view), ...(total !== undefined && { total }), ...(next && { next }) };
  };
  if ('page' in start) {
    const all: Keyed[] = [];
    await collect(await rowsFrom(db, filter, undefined, undefined), undefined, all);
    return slice(all, (start.page - 1) * size, all.length);
  }
  const found: Keyed[] = [];
  let from: SlaTimerKey = start.after;
  for (let chunk = size + 1; found.length <= size; chunk = Math.min(chunk * 2, 1_000)) {
    const rows = await rowsFrom(db, filter, from, chunk);
    await collect(rows, from, found);
    if (rows.length < chunk) break;
    const last = JSON.parse(rows.at(-1)!.state) as OpenedTicket;
    from = { openedAt: last.openedAt, ticketId: last.ticketId, kind: 'deliveryPromise' };
  }
  return slice(found, 0);
};
