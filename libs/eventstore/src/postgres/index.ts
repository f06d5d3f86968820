export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { openPool, migratePostgres, numberedPlaceholders, type PgMigration, type PgPool, type OpenPoolOptions } from './database.js';
