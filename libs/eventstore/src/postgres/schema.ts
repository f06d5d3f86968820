import type { PgMigration } from './database.js';

/** Channel the append function notifies at commit; live subscriptions wake on it. */
export const APPENDED_CHANNEL = 'hourbank_events';

/**
 * One writer at a time: `hb_append` takes a transaction-level advisory lock before it reads the stream's revision,
 * and holds it until commit. PostgreSQL makes a commit visible before it releases the transaction's locks, so the
 * next writer takes its positions only after the previous commit is visible: commits become visible in position
 * order, and a reader that saw position N will never find a new event below N (see docs/postgres.md).
 */
export const POSTGRES_EVENT_STORE_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        stream text NOT NULL,
        category text NOT NULL,
        revision bigint NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at text NOT NULL,
        UNIQUE (stream, revision)
      );
      CREATE FUNCTION hb_append(p_stream text, p_category text, p_expected text, p_events jsonb, p_recorded_at text)
        RETURNS TABLE (outcome text, next_revision bigint, last_position bigint, actual bigint)
        LANGUAGE plpgsql AS $fn$
      DECLARE
        v_last bigint;
        v_count integer := jsonb_array_length(p_events);
        v_first events%ROWTYPE;
        v_in_place boolean;
        v_position bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(7243012094451370001);
        SELECT max(revision) INTO v_last FROM events WHERE stream = p_stream;
        IF v_count > 0 THEN
          SELECT * INTO v_first FROM events WHERE id = p_events->0->>'id';
          IF FOUND THEN
            IF v_first.stream <> p_stream THEN
              RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint, NULL::bigint; RETURN;
            END IF;
            IF NOT (p_expected = 'any' OR (p_expected = 'no_stream' AND v_first.revision = 0)
                    OR (p_expected = 'stream_exists' AND v_first.revision > 0)
                    OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_first.revision - 1)) THEN
              RETURN QUERY SELECT 'wrong_expected'::text, NULL::bigint, NULL::bigint, v_last; RETURN;
            END IF;
            SELECT bool_and(e.stream IS NOT DISTINCT FROM p_stream AND e.revision IS NOT DISTINCT FROM v_first.revision + t.n - 1),
                   max(e.position)
              INTO v_in_place, v_position
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(event, n) LEFT JOIN events e ON e.id = t.event->>'id';
            IF NOT v_in_place THEN
              RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint, NULL::bigint; RETURN;
            END IF;
            RETURN QUERY SELECT 'repeat'::text, v_first.revision + v_count - 1, v_position, NULL::bigint; RETURN;
          END IF;
        END IF;
        IF NOT (p_expected = 'any' OR (p_expected = 'no_stream' AND v_last IS NULL) OR (p_expected = 'stream_exists' AND v_last IS NOT NULL)
                OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint IS NOT DISTINCT FROM v_last)) THEN
          RETURN QUERY SELECT 'wrong_expected'::text, NULL::bigint, NULL::bigint, v_last; RETURN;
        END IF;
        IF v_count = 0 THEN
          RETURN QUERY SELECT 'ok'::text, coalesce(v_last, -1), (SELECT coalesce(max(position), 0) FROM events), NULL::bigint; RETURN;
        END IF;
        WITH inserted AS (
          INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
          SELECT t.event->>'id', p_stream, p_category, coalesce(v_last, -1) + t.n, t.event->>'type', t.event->'data',
                 t.event->'metadata', p_recorded_at
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(event, n) ORDER BY t.n
          RETURNING position)
        SELECT max(position) INTO v_position FROM inserted;
        PERFORM pg_notify('hourbank_events', v_position::text);
        RETURN QUERY SELECT 'ok'::text, coalesce(v_last, -1) + v_count, v_position, NULL::bigint;
      END
      $fn$;`,
  },
];

/** Column order of every event row read (`rowMode: 'array'`), the same tuple as the SQLite store's. */
export const PG_EVENT_COLUMNS = 'position, id, stream, revision, type, data::text, metadata::text, recorded_at';
