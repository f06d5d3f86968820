import { createEventStore, type EventStore } from '#eventstore';
import type { PlatformConfig } from '#platform';

/** Embedded SQLite (`<dataDir>/events.sqlite`), or EventStoreDB when EVENTSTORE_CONNECTION_STRING is set. */
export const openEventStore = (config: PlatformConfig): Promise<EventStore> =>
  createEventStore({ dataDir: config.dataDir, eventStoreConnectionString: config.eventStoreConnectionString, sqliteWriter: config.sqliteWriter });
