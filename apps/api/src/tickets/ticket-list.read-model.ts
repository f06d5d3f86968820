import { Injectable } from '@nestjs/common';
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

/**
 * Answers list queries from the `ticket-list` projection, kept by the worker in the read-model database.
 * Eventually consistent: a ticket shows up once the projection has caught up.
 */
@Injectable()
export class TicketListReadModel {
  constructor(private readonly readModels: ReadModels) {}

  private get db() {
    return this.readModels.reader;
  }

  async page(filter: TicketListFilter, page: number, size: number): Promise<{ items: TicketListRow[]; total: number }> {
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
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const total = (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ticket_list ${where}`, params))!.n;
    const items = await this.db.all<TicketListRow>(`
        SELECT ticket_id AS "ticketId", account_id AS "accountId", title, category, status, opened_at AS "openedAt",
          updated_at AS "updatedAt", logged_minutes AS "loggedMinutes", estimated_minutes AS "estimatedMinutes", number,
          assignee_id AS "assigneeId", priority
        FROM ticket_list ${where} ORDER BY opened_at DESC, ticket_id LIMIT ? OFFSET ?`, [...params, size, (page - 1) * size]);
    return { items, total };
  }
}
