import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CLOCK, type Clock } from '#kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { type Db, ProjectionRunner, openReadModelDatabase } from '#projections';
import { ticketListProjection } from './ticket-list.projection.js';

export interface TicketListFilter {
  readonly accountIds?: readonly string[];
  readonly status?: string;
  readonly category?: string;
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
}

/**
 * Hosts the ticket-list projection in the API process (its own SQLite file under the data dir) and
 * answers list queries from it. Eventually consistent: a ticket shows up once the runner has caught up.
 */
@Injectable()
export class TicketListReadModel implements OnModuleInit, OnApplicationShutdown {
  private db!: Db;
  private runner!: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.db = openReadModelDatabase(join(this.config.dataDir, 'ticket-list.sqlite'));
    this.runner = new ProjectionRunner(ticketListProjection, this.store, this.db, { clock: this.clock, maxLatencyMs: 5 });
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    this.db?.close();
  }

  page(filter: TicketListFilter, page: number, size: number): { items: TicketListRow[]; total: number } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.accountIds) {
      clauses.push(`account_id IN (${filter.accountIds.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...filter.accountIds);
    }
    if (filter.status) (clauses.push('status = ?'), params.push(filter.status));
    if (filter.category) (clauses.push('category = ?'), params.push(filter.category));
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ticket_list ${where}`).get(...params) as { n: number }).n;
    const items = this.db
      .prepare(`
        SELECT ticket_id AS ticketId, account_id AS accountId, title, category, status, opened_at AS openedAt,
          updated_at AS updatedAt, logged_minutes AS loggedMinutes, estimated_minutes AS estimatedMinutes
        FROM ticket_list ${where} ORDER BY opened_at DESC, ticket_id LIMIT ? OFFSET ?`)
      .all(...params, size, (page - 1) * size) as TicketListRow[];
    return { items, total };
  }
}
