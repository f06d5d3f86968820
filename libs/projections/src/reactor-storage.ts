import type { RecordedEvent } from '#kernel';
import { type ParkedEvent, ParkingLot, type SkipRecord } from './parking.js';
import { type Db, prepareCached } from './projection.js';

/** Where a reactor keeps its checkpoint and parked event: the embedded read-model database, or PostgreSQL. */
export interface ReactorStorage {
  checkpoint(): Promise<number | null>;
  /** False when the checkpoint is no longer this runner's to move (on PostgreSQL: its claim was taken over). */
  saveCheckpoint(position: number): Promise<boolean>;
  parked(): Promise<ParkedEvent | undefined>;
  park(event: RecordedEvent, error: unknown, at: string, attempts: number): Promise<void>;
  resolve(parked: ParkedEvent, action: SkipRecord['action'], actor: string, reason: string | null, at: string): Promise<void>;
  /** Moves the checkpoint to the parked event and records the skip, in one transaction. */
  skip(parked: ParkedEvent, actor: string, reason: string, at: string): Promise<void>;
}

/** `reactor_checkpoints` and `parked_events` of the read-model database (docs/projections.md). */
export class SqliteReactorStorage implements ReactorStorage {
  private readonly parking: ParkingLot;

  constructor(
    private readonly db: Db,
    private readonly name: string,
  ) {
    this.parking = new ParkingLot(db);
  }

  async checkpoint(): Promise<number | null> {
    const row = prepareCached(this.db, 'SELECT position FROM reactor_checkpoints WHERE reactor = ?').get(this.name) as { position: number | null } | undefined;
    return row?.position ?? null;
  }

  async saveCheckpoint(position: number): Promise<boolean> {
    this.save(position);
    return true;
  }

  async parked(): Promise<ParkedEvent | undefined> {
    return this.parking.get(this.name);
  }

  async park(event: RecordedEvent, error: unknown, at: string, attempts: number): Promise<void> {
    this.parking.park(this.name, event, error, at, attempts);
  }

  async resolve(parked: ParkedEvent, action: SkipRecord['action'], actor: string, reason: string | null, at: string): Promise<void> {
    this.parking.resolve(parked, action, actor, reason, at);
  }

  async skip(parked: ParkedEvent, actor: string, reason: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.save(parked.position);
      this.parking.resolve(parked, 'skipped', actor, reason, at);
    })();
  }

  private save(position: number): void {
    prepareCached(this.db, 'INSERT INTO reactor_checkpoints (reactor, position) VALUES (?, ?) ON CONFLICT (reactor) DO UPDATE SET position = excluded.position')
      .run(this.name, position);
  }
}
