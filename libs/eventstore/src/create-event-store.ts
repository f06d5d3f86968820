import { join } from 'node:path';
import type { EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/index.js';
import { SqliteEventStore } from './sqlite/index.js';

export interface EventStoreConfig {
  /** Where the embedded store keeps `events.sqlite` (HOURBANK_DATA_DIR). */
  readonly dataDir: string;
  /** EVENTSTORE_CONNECTION_STRING: when set, events live in EventStoreDB and `dataDir` holds no events. */
  readonly eventStoreConnectionString?: string;
  /** HOURBANK_SQLITE_WRITER: where the embedded store commits (default `thread`, group commit). */
  readonly sqliteWriter?: 'thread' | 'inline';
}

/** The one place that picks the backend: EventStoreDB when a connection string is given, else embedded SQLite. */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  const connectionString = config.eventStoreConnectionString?.trim();
  if (connectionString) return EventStoreDbEventStore.fromConnectionString(connectionString);
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'), { writer: config.sqliteWriter ?? 'thread' });
}
