import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '#eventstore';
import type { PlatformConfig } from '#platform';

/** Embedded SQLite under the data dir. */
export const openEventStore = (config: PlatformConfig): Promise<EventStore> | EventStore => {
  if (config.eventStoreConnectionString) throw new Error('EVENTSTORE_CONNECTION_STRING: the EventStoreDB adapter is not wired in yet');
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
};
