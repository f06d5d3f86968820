import { join } from 'node:path';
import { SealingEventStore } from './chain/index.js';
import type { EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/index.js';
import { PostgresEventStore } from './postgres/index.js';
import { SqliteEventStore } from './sqlite/index.js';

export interface EventStoreConfig {
  /** Where the embedded store keeps `events.sqlite` (HOURBANK_DATA_DIR). */
  readonly dataDir: string;
  /** EVENTSTORE_CONNECTION_STRING: `esdb://…` (EventStoreDB) or `postgres://…` (PostgreSQL); when set, `dataDir` holds no events. */
  readonly eventStoreConnectionString?: string;
  /** HOURBANK_SQLITE_WRITER: where the embedded store commits (default `thread`, group commit). */
  readonly sqliteWriter?: 'thread' | 'inline';
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** The one place that picks the backend: EventStoreDB or PostgreSQL by the connection string's scheme, else embedded SQLite. */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  return new SealingEventStore(await openBackend(config));
}

async function openBackend(config: EventStoreConfig): Promise<EventStore> {
  const connectionString = config.eventStoreConnectionString?.trim();
  if (connectionString && isPostgresUrl(connectionString)) return PostgresEventStore.connect(connectionString);
  if (connectionString) return EventStoreDbEventStore.fromConnectionString(connectionString);
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'), { writer: config.sqliteWriter ?? 'thread' });
}
