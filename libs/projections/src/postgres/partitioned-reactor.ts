import { createHash } from 'node:crypto';
import type { EventStore, PgPool } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import type { ParkedEvent, SkipRecord } from '../parking.js';
import { type Reactor, type ReactorOptions, ReactorRunner } from '../reactor-runner.js';
import type { ReactorStorage } from '../reactor-storage.js';
import type { ConsumerStatus } from '../status.js';
import type { ClaimKeeper, ClaimRow, Claimable } from './claims.js';
import { inTransaction, pgParking } from './pg-parking.js';

/** Which partition an event belongs to: by stream, so one stream's events are handled in order by one worker. */
export const partitionOf = (stream: string, partitions: number): number =>
  createHash('sha1').update(stream).digest().readUInt32BE(0) % partitions;

/** One reactor partition's checkpoint (its claim row) and parked event, moved only while this worker holds it. */
class PartitionStorage implements ReactorStorage {
  constructor(
    private readonly pool: PgPool,
    private readonly keeper: ClaimKeeper,
    private readonly consumer: string,
    private readonly partition: number,
    private readonly name: string,
  ) {}

  async checkpoint(): Promise<number | null> {
    const { rows } = await this.pool.query<{ position: number | null }>(
      'SELECT position FROM consumer_claims WHERE consumer = $1 AND partition = $2', [this.consumer, this.partition]);
    return rows[0]?.position ?? null;
  }

  async saveCheckpoint(position: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE consumer_claims SET position = greatest(coalesce(position, 0), $3) WHERE consumer = $1 AND partition = $2 AND holder = $4`,
      [this.consumer, this.partition, position, this.keeper.workerId],
    );
    return rowCount === 1;
  }

  parked(): Promise<ParkedEvent | undefined> {
    return pgParking.get(this.pool, this.name);
  }

  park(event: RecordedEvent, error: unknown, at: string, attempts: number): Promise<void> {
    return pgParking.park(this.pool, this.name, event, error, at, attempts);
  }

  resolve(parked: ParkedEvent, action: SkipRecord['action'], actor: string, reason: string | null, at: string): Promise<void> {
    return pgParking.resolve(this.pool, parked, action, actor, reason, at);
  }

  async skip(parked: ParkedEvent, actor: string, reason: string, at: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('UPDATE consumer_claims SET position = $3 WHERE consumer = $1 AND partition = $2', [this.consumer, this.partition, parked.position]);
      await pgParking.resolve(client, parked, 'skipped', actor, reason, at);
    });
  }
}

/**
 * A reactor as competing consumers: its events are split into partitions by stream, each partition a claim that
 * one worker at a time holds (see ClaimKeeper). Delivery stays at-least-once (a takeover may hand over the last
 * event again), and reactors' commands are idempotent by command id, so a repeat changes nothing.
 */
export class ReactorPartition implements Claimable {
  readonly kind = 'reactor' as const;
  readonly runner: ReactorRunner;

  constructor(
    readonly reactor: Reactor,
    readonly partition: number,
    partitions: number,
    store: EventStore,
    private readonly pool: PgPool,
    private readonly keeper: ClaimKeeper,
    options: ReactorOptions = {},
  ) {
    const name = `${reactor.name}/${partition}`;
    this.runner = new ReactorRunner(reactor, store, undefined, {
      ...options,
      name,
      storage: new PartitionStorage(pool, keeper, reactor.name, partition, name),
      owns: (event) => partitionOf(event.stream, partitions) === partition,
    });
  }

  get consumer(): string {
    return this.reactor.name;
  }

  get name(): string {
    return this.runner.name;
  }

  claimed(_row: ClaimRow): void {
    void this.runner.start();
  }

  lost(): Promise<void> {
    return this.runner.stop();
  }

  async start(): Promise<void> {}

  stop(): Promise<void> {
    return this.runner.stop();
  }

  retry(): Promise<void> {
    return this.runner.retry();
  }

  skip(position: number, actor: string, reason: string): Promise<void> {
    return this.runner.skip(position, actor, reason);
  }

  position(): Promise<number | null> {
    return this.runner.position();
  }

  /** Running when held here or by a live claim elsewhere (an API replica shows what the workers do), with its holder. */
  async statusAt(headPosition: number, lag: number): Promise<ConsumerStatus> {
    const { rows } = await this.pool.query<{ holder: string | null; live: boolean }>(
      'SELECT holder, coalesce(expires_at > now(), false) AS live FROM consumer_claims WHERE consumer = $1 AND partition = $2', [this.consumer, this.partition]);
    const row = rows[0];
    const status = await this.runner.statusAt(headPosition, lag, this.keeper.holds(this) || (row?.live ?? false));
    return { ...status, ...(row?.holder ? { holder: row.holder } : {}) };
  }
}
