import type pg from 'pg';
import type { RecordedEvent } from '#kernel';
import type { PgPool } from '#eventstore';
import { type ParkedEvent, type SkipRecord, errorText } from '../parking.js';

type Queryable = PgPool | pg.PoolClient;

const SELECT = `SELECT consumer, position, event_id AS "eventId", event_type AS "eventType", error, attempts, parked_at AS "parkedAt"
  FROM parked_events WHERE consumer = $1`;

/** The parking lot of docs/projections.md, shared by every worker in PostgreSQL. */
export const pgParking = {
  async get(db: Queryable, consumer: string): Promise<ParkedEvent | undefined> {
    return (await db.query<ParkedEvent>(SELECT, [consumer])).rows[0];
  },

  async park(db: Queryable, consumer: string, event: RecordedEvent, error: unknown, at: string, attempts = 1): Promise<void> {
    await db.query(
      `INSERT INTO parked_events AS p (consumer, position, event_id, event_type, error, attempts, parked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, event_id = excluded.event_id, event_type = excluded.event_type,
         error = excluded.error, parked_at = excluded.parked_at,
         attempts = excluded.attempts + CASE WHEN p.position = excluded.position THEN p.attempts ELSE 0 END`,
      [consumer, event.position, event.id, event.type, errorText(error), attempts, at],
    );
  },

  async resolve(db: Queryable, parked: ParkedEvent, action: SkipRecord['action'], actor: string, reason: string | null, at: string): Promise<void> {
    await db.query('DELETE FROM parked_events WHERE consumer = $1', [parked.consumer]);
    await db.query(
      `INSERT INTO parked_events_audit (consumer, action, position, event_id, event_type, error, actor, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [parked.consumer, action, parked.position, parked.eventId, parked.eventType, parked.error, actor, reason, at],
    );
  },
};

/** Runs `work` in one PostgreSQL transaction. */
export async function inTransaction<T>(pool: PgPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
