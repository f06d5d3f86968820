import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { STAFF_DIRECTORY, type Principal, type StaffDirectory } from '#platform';
import { type TicketListRow, type TicketListStart, TicketListReadModel } from '../ticket-list.read-model.js';
import { assigneeFilter } from '../assignee-filter.js';

/** A page by offset carries `page` and `total`; a page after a cursor neither. `next` whenever more rows follow. */
export interface TicketListPage {
  readonly items: readonly TicketListRow[];
  readonly page?: number;
  readonly size: number;
  readonly total?: number;
  readonly next?: string;
}

export class ListTicketsQuery extends Query<TicketListPage> {
  constructor(
    readonly caller: Principal,
    readonly filter: { accountId?: string; status?: string; category?: string; number?: number; assignee?: string; priority?: string },
    readonly start: TicketListStart,
    readonly size: number,
  ) {
    super();
  }
}

/** A client sees only its own accounts' tickets, whatever accountId it asks for. */
const accountScope = (caller: Principal, accountId?: string): readonly string[] | undefined => {
  const asked = accountId === undefined ? undefined : [accountId];
  if (caller.role !== 'client') return asked;
  return caller.accounts.filter((id) => asked === undefined || asked.includes(id));
};

@QueryHandler(ListTicketsQuery)
export class ListTicketsHandler implements IQueryHandler<ListTicketsQuery> {
  constructor(private readonly list: TicketListReadModel, @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory) {}

  async execute({ caller, filter, start, size }: ListTicketsQuery): Promise<TicketListPage> {
    const { assignee, ...rest } = filter;
    const accountIds = accountScope(caller, filter.accountId);
    const assigneeId = await assigneeFilter(this.staff, caller, assignee);
    const { items, total, next } = await this.list.page({ ...rest, ...(accountIds && { accountIds }), ...(assigneeId !== undefined && { assigneeId }) }, start, size);
    return { items, ...('page' in start && { page: start.page }), size, ...(total !== undefined && { total }), ...(next !== undefined && { next }) };
  }
}
