export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';
export { SqliteCheckpointStore, type CheckpointStore } from './sqlite-checkpoint-store.js';
export { openDatabase, migrate, type Migration, type OpenDatabaseOptions, type SqliteDatabase } from './database.js';
