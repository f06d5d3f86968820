import type { PgMigration } from '#eventstore';

/**
 * What workers share in PostgreSQL besides the read models themselves: who holds which consumer (and its
 * checkpoint), live workers, parked events and their audit, the scheduler's firings, account snapshots, and the
 * operator requests any replica may make of the worker holding a consumer.
 */
export const SHARED_STATE_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'consumers, workers, parking, firings',
    sql: `
      CREATE TABLE consumer_claims (
        consumer text COLLATE "C" NOT NULL,
        partition integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('projection', 'reactor')),
        position bigint,
        version integer,
        copy_id text,
        holder text,
        expires_at timestamptz,
        PRIMARY KEY (consumer, partition)
      );
      CREATE TABLE worker_heartbeats (
        worker text PRIMARY KEY, role text NOT NULL, pid integer NOT NULL, host text NOT NULL, expires_at timestamptz NOT NULL
      );
      CREATE TABLE parked_events (
        consumer text COLLATE "C" PRIMARY KEY, position bigint NOT NULL, event_id text NOT NULL, event_type text NOT NULL,
        error text NOT NULL, attempts integer NOT NULL, parked_at text NOT NULL
      );
      CREATE TABLE parked_events_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, consumer text NOT NULL, action text NOT NULL, position bigint NOT NULL,
        event_id text NOT NULL, event_type text NOT NULL, error text NOT NULL, actor text NOT NULL, reason text, at text NOT NULL
      );
      CREATE TABLE due_item_firings (
        key text COLLATE "C" PRIMARY KEY,
        due_at text COLLATE "C" NOT NULL,
        claimed_by text,
        claim_expires_at timestamptz,
        fired_at text,
        attempts integer NOT NULL DEFAULT 0
      );
      CREATE INDEX due_item_firings_pending ON due_item_firings (due_at, key) WHERE fired_at IS NULL;
      CREATE TABLE due_item_dispatches (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key text NOT NULL, worker text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT clock_timestamp(), outcome text
      );
      CREATE TABLE account_snapshots (
        stream text PRIMARY KEY, revision bigint NOT NULL, position bigint NOT NULL, state jsonb NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'operator requests, carried out by the worker holding the consumer',
    sql: `
      CREATE TABLE operator_requests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consumer text COLLATE "C" NOT NULL,
        action text NOT NULL CHECK (action IN ('retry', 'skip', 'rebuild')),
        position bigint,
        actor text NOT NULL,
        reason text,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        worker text,
        started_at timestamptz,
        error text,
        finished_at timestamptz
      );
      CREATE INDEX operator_requests_open ON operator_requests (consumer, id) WHERE state IN ('pending', 'running');`,
  },
];

export const SHARED_STATE_MIGRATIONS_TABLE = 'shared_state_migrations';
