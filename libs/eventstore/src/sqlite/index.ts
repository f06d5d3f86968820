export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';
export { SqliteCheckpointStore, type CheckpointStore } from './sqlite-checkpoint-store.js';
export { openDatabase, migrate, type Migration, type OpenDatabaseOptions, type SqliteDatabase } from './database.js';
export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, makePrivateDir, preparePrivateFile } from './private-file.js';
