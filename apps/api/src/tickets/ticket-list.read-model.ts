import { Injectable } from '@nestjs/common';
import { cursorValue, decodeCursor, encodeCursor } from '../api-shared/keyset-cursor.js';
import { ReadModels } from '../../../worker/src/read-models.js';

export interface TicketListFilter {
  readonly accountIds?: readonly string[];
  readonly status?: string;
  readonly category?: string;
  readonly number?: number;
  /** A user id, or null for the unassigned. */
  readonly assigneeId?: string | null;
  readonly priority?: string;
}

export interface TicketListRow {
  readonly ticketId: string;
  readonly accountId: string;
  readonly title: string;
  readonly category: string;
  readonly status: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly loggedMinutes: number;
  readonly estimatedMinutes: number | null;
  /** The human number (#1042); null for the moments between opening and numbering. */
  readonly number: number | null;
  readonly assigneeId: string | null;
  readonly priority: string;
}

/** Where a page starts: by offset (`page`), or after the last row of the page before (`after`, a keyset cursor). */
export type TicketListStart = { readonly page: number } | { readonly after: string };

export interface TicketListSlice {
  readonly items: TicketListRow[];
  /** Only for a page by offset: counting grows with the filter's rows, a page after a cursor does not. */
  readonly total?: number;
  /** The cursor of the following page, when there is one. */
  readonly next?: string;
}

/** The list's order is `opened_at DESC, ticket_id`; a cursor is the last row's pair. */
const cursorOf = (row: TicketListRow): string => encodeCursor([row.openedAt, row.ticketId]);

const readCursor = (cursor: string): { openedAt: string; ticketId: string } => decodeCursor(cursor, (values) =>
  values.length === 2 && cursorValue.instant(values[0]) && cursorValue.id(values[1]) ? { openedAt: values[0], ticketId: values[1] } : undefined);

/**
 * Answers list queries from the `ticket-list` projection, kept by the worker in the read-model database (or its
 * PostgreSQL mirror), through the ReadModelReader. Eventually consistent: a ticket shows up once the projection has
 * caught up. Every filter has an index in the list's order (see ticketListProjection), so a page by cursor reads its
 * own rows only: keyset pagination, whatever the page's depth.
 */
@Injectable()
export class TicketListReadModel {
  constructor(private readonly readModels: ReadModels) {}

  private get db() {
    return this.readModels.reader;
  }

  async page(filter: TicketListFilter, start: TicketListStart, size: number): Promise<TicketListSlice> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.accountIds) {
      clauses.push(`account_id IN (${filter.accountIds.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...filter.accountIds);
    }
    if (filter.status) (clauses.push('status = ?'), params.push(filter.status));
    if (filter.category) (clauses.push('category = ?'), params.push(filter.category));
    if (filter.number !== undefined) (clauses.push('number = ?'), params.push(filter.number));
    if (filter.assigneeId === null) clauses.push('assignee_id IS NULL');
    else if (filter.assigneeId !== undefined) (clauses.push('assignee_id = ?'), params.push(filter.assigneeId));
    if (filter.priority) (clauses.push('priority = ?'), params.push(filter.priority));
    const filtered = [...clauses];
    const keyset: unknown[] = [];
    if ('after' in start) {
      const { openedAt, ticketId } = readCursor(start.after);
      // `opened_at <= ?` alone is a range on the index; the OR settles ties on opened_at by ticket_id.
      clauses.push('opened_at <= ? AND (opened_at < ? OR ticket_id > ?)');
      keyset.push(openedAt, openedAt, ticketId);
    }
    const where = (list: string[]) => (list.length > 0 ? `WHERE ${list.join(' AND ')}` : '');
    const offset = 'page' in start ? (start.page - 1) * size : 0;
    const rows = await this.db.all<TicketListRow>(`
        SELECT ticket_id AS "ticketId", account_id AS "accountId", title, category, status, opened_at AS "openedAt",
          updated_at AS "updatedAt", logged_minutes AS "loggedMinutes", estimated_minutes AS "estimatedMinutes", number,
          assignee_id AS "assigneeId", priority
        FROM ticket_list ${where(clauses)} ORDER BY opened_at DESC, ticket_id LIMIT ? OFFSET ?`, [...params, ...keyset, size + 1, offset]);
    const items = rows.slice(0, size);
    const next = rows.length > size ? cursorOf(items.at(-1)!) : undefined;
    if (!('page' in start)) return { items, ...(next !== undefined && { next }) };
    const total = (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ticket_list ${where(filtered)}`, params))!.n;
    return { items, total: Number(total), ...(next !== undefined && { next }) };
  }
}
