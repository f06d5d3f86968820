import { Injectable } from '@nestjs/common';
import { ProblemError } from '#platform';
import { ID_PATTERN } from '../api-shared/limits.js';
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

/** The list's order is `opened_at DESC, ticket_id`; a cursor is the last row's pair, opaque to clients (base64url JSON). */
const encodeCursor = (row: TicketListRow): string => Buffer.from(JSON.stringify([row.openedAt, row.ticketId])).toString('base64url');

const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

export const decodeCursor = (cursor: string): { openedAt: string; ticketId: string } => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && INSTANT_TEXT.test(value[0]) && typeof value[1] === 'string' && ID_PATTERN.test(value[1])) {
    return { openedAt: value[0], ticketId: value[1] };
  }
  throw new ProblemError(400, 'INVALID_CURSOR', 'The list cursor is not valid', `after must be the next of an earlier page of this list, passed back unchanged, got "${cursor.slice(0, 120)}"`);
};

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
      const { openedAt, ticketId } = decodeCursor(start.after);
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
    const next = rows.length > size ? encodeCursor(items.at(-1)!) : undefined;
    if (!('page' in start)) return { items, ...(next !== undefined && { next }) };
    const total = (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ticket_list ${where(filtered)}`, params))!.n;
    return { items, total: Number(total), ...(next !== undefined && { next }) };
  }
}
