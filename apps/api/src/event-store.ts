import { createEventStore, type EventStore } from '#eventstore';
import type { PlatformConfig } from '#platform';

/** Embedded SQLite under the data dir, or EventStoreDB when EVENTSTORE_CONNECTION_STRING is set. */
export const openEventStore = (config: PlatformConfig): Promise<EventStore> | EventStore =>
  createEventStore({ dataDir: config.dataDir, eventStoreConnectionString: config.eventStoreConnectionString });
