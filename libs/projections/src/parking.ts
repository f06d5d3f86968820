import type { RecordedEvent } from '#kernel';
import { type Db, prepareCached } from './projection.js';

export interface ParkedEvent {
  readonly consumer: string;
  readonly position: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

export interface SkipRecord extends Omit<ParkedEvent, 'attempts' | 'parkedAt'> {
  readonly action: 'skipped' | 'retried';
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

export const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Events a consumer could not handle: at most one per consumer, since the consumer stops at it. */
export class ParkingLot {
  constructor(private readonly db: Db) {}

  /** Parks `event`, adding `attempts` to those of an earlier parking of the same event. */
  park(consumer: string, event: RecordedEvent, error: unknown, at: string, attempts = 1): ParkedEvent {
    const earlier = this.get(consumer);
    const total = (earlier?.position === event.position ? earlier.attempts : 0) + attempts;
    this.db
      .prepare(
        `INSERT INTO parked_events (consumer, position, event_id, event_type, error, attempts, parked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, event_id = excluded.event_id,
           event_type = excluded.event_type, error = excluded.error, attempts = excluded.attempts,
           parked_at = excluded.parked_at`,
      )
      .run(consumer, event.position, event.id, event.type, errorText(error), total, at);
    return this.get(consumer)!;
  }

  get(consumer: string): ParkedEvent | undefined {
    // Prepared once: consumers ask after every batch.
    const row = prepareCached(this.db, `SELECT consumer, position, event_id AS eventId, event_type AS eventType, error, attempts,
                parked_at AS parkedAt FROM parked_events WHERE consumer = ?`)
      .get(consumer);
    return row as ParkedEvent | undefined;
  }

  /** Removes the parked row and writes the audit line; the caller runs it in the transaction that moves on. */
  resolve(parked: ParkedEvent, action: SkipRecord['action'], actor: string, reason: string | null, at: string): void {
    this.db.prepare('DELETE FROM parked_events WHERE consumer = ?').run(parked.consumer);
    this.db
      .prepare(
        `INSERT INTO parked_events_audit (consumer, action, position, event_id, event_type, error, actor, reason, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(parked.consumer, action, parked.position, parked.eventId, parked.eventType, parked.error, actor, reason, at);
  }

  audit(consumer: string): SkipRecord[] {
    return this.db
      .prepare(
        `SELECT consumer, action, position, event_id AS eventId, event_type AS eventType, error, actor, reason, at
         FROM parked_events_audit WHERE consumer = ? ORDER BY id`,
      )
      .all(consumer) as SkipRecord[];
  }
}
