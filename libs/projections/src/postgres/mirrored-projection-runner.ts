import { randomUUID } from 'node:crypto';
import type { EventStore, PgPool } from '#eventstore';
import { type Poison, commitBatch } from '../commit-batch.js';
import { GenerationStore } from '../generations.js';
import { eventsBehind } from '../lag.js';
import { errorText } from '../parking.js';
import type { Db, Projection } from '../projection.js';
import { type RunnerOptions, systemClock } from '../projection-runner.js';
import { RateMeter } from '../rate-meter.js';
import { replay } from '../replay.js';
import { type ConsumerStatus, type RebuildProgress, runnerHealth, stateOf } from '../status.js';
import { type FeedBatch, SubscriptionLoop } from '../subscription-loop.js';
import type { ClaimKeeper, ClaimRow, Claimable } from './claims.js';
import { inTransaction, pgParking } from './pg-parking.js';
import { type MirroredTable, captureChanges, copyFromPostgres, describeTables, replaceInPostgres, takeChanges, writeChanges } from './table-mirror.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The checkpoint in PostgreSQL is not where this worker left it, or the claim is no longer its own. */
export class CheckpointMovedError extends Error {
  readonly code = 'CHECKPOINT_MOVED';
  constructor(readonly projection: string) {
    super(`The checkpoint of ${projection} moved under this worker (another worker holds it now)`);
  }
}

/**
 * A projection kept in PostgreSQL for every replica to read, by the one worker that holds its claim. The projection
 * itself is the SQLite one: it folds into a working copy in a local SQLite file, and each batch's touched rows go to
 * PostgreSQL in one transaction with a compare-and-set of the checkpoint (the position this worker started the batch
 * from, and its claim). A worker that takes the claim over finds its copy behind and reloads it from PostgreSQL.
 */
export class MirroredProjectionRunner implements Claimable {
  readonly kind = 'projection' as const;
  readonly partition = 0;
  private readonly generations: GenerationStore;
  private readonly meter = new RateMeter();
  private holding = false;
  private loop: Promise<void> | undefined;
  private feed: SubscriptionLoop | undefined;
  private tables: MirroredTable[] = [];
  private lastError: ConsumerStatus['lastError'] = null;
  private progress: RebuildProgress | null = null;
  private rebuilding = false;
  private parkedHere = false;
  /** Set by a retry: the next batch that moves past the parked event resolves it (as the embedded runner does). */
  private retrying = false;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    /** This worker's working copy of the projection: a SQLite file of its own. */
    private readonly db: Db,
    private readonly pool: PgPool,
    private readonly keeper: ClaimKeeper,
    private readonly options: RunnerOptions = {},
  ) {
    this.generations = new GenerationStore(db);
    db.exec('CREATE TABLE IF NOT EXISTS mirror_state (projection TEXT PRIMARY KEY, copy_id TEXT NOT NULL)');
  }

  get consumer(): string {
    return this.projection.name;
  }

  /** The claim keeper decides when this worker runs the projection. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.lost();
  }

  claimed(row: ClaimRow): void {
    if (this.holding) return;
    this.holding = true;
    // A parked event left by the previous holder is tried again from the checkpoint, and resolved once passed.
    this.retrying = true;
    this.loop = this.holdUntilLost(row);
  }

  async lost(): Promise<void> {
    this.holding = false;
    await this.feed?.stop();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Tries the parked event again. Asked through an operator request, it may reach a worker that took the claim over
   * since: that holder tries the parked event again anyway (and may have applied it already), so a retry of a
   * projection not parked here is done once that pass resolves the parked row.
   */
  async retry(): Promise<void> {
    this.assertHeldHere();
    this.retrying = true;
    this.parkedHere = false;
  }

  async skip(position: number, actor: string, reason: string): Promise<void> {
    this.assertHeldHere();
    const parked = await pgParking.get(this.pool, this.projection.name);
    if (!parked || parked.position !== position) throw new Error(`Projection ${this.projection.name} is not parked at position ${position}`);
    const active = this.generations.active(this.projection.name)!;
    await this.moveCheckpoint(active.position, position, async (client) => pgParking.resolve(client, parked, 'skipped', actor, reason, this.now()));
    this.db.transaction(() => this.generations.savePosition(this.projection.name, active.generation, position))();
    this.parkedHere = false;
  }

  /** Replays the log into a fresh working copy and replaces the shared tables with it in one transaction. */
  async rebuild(onProgress: (progress: RebuildProgress) => void = () => {}): Promise<void> {
    this.assertHeldHere();
    if (this.rebuilding) throw new Error(`Projection ${this.projection.name} is already rebuilding`);
    this.rebuilding = true;
    try {
      // Stopping the feed waits for a batch in flight; no new feed starts while `rebuilding`.
      await this.feed?.stop();
      await this.rebuildFromLog(this.generations.active(this.projection.name)?.position ?? null, onProgress);
    } finally {
      this.rebuilding = false;
    }
  }

  /** The shared checkpoint (PostgreSQL), whichever worker moves it. */
  async position(): Promise<number | null> {
    return (await this.claimRow())?.position ?? null;
  }

  async status(): Promise<ConsumerStatus> {
    const head = (await this.store.status()).headPosition ?? 0;
    const [lag] = await eventsBehind(this.store, [await this.position()], head);
    return this.statusAt(head, lag!);
  }

  async statusAt(headPosition: number, lag: number): Promise<ConsumerStatus> {
    const row = await this.claimRow();
    const position = row?.position ?? null;
    const parked = (await pgParking.get(this.pool, this.projection.name)) ?? null;
    const running = this.holding || (row?.live ?? false);
    const stillParked = parked !== null && (position === null || parked.position > position);
    return {
      name: this.projection.name,
      kind: 'projection',
      state: stateOf({ running, rebuilding: this.rebuilding, parked: stillParked }, position, headPosition),
      position,
      headPosition,
      lag,
      parked: stillParked ? parked : null,
      ...runnerHealth(this.meter, this.lastError, this.feed),
      version: row?.version ?? this.projection.version,
      rebuild: this.progress,
      ...(row?.holder ? { holder: row.holder } : {}),
    };
  }

  private async claimRow() {
    const { rows } = await this.pool.query<{ position: number | null; version: number | null; holder: string | null; live: boolean }>(
      `SELECT position, version, holder, coalesce(expires_at > now(), false) AS live FROM consumer_claims WHERE consumer = $1 AND partition = 0`,
      [this.projection.name],
    );
    return rows[0];
  }

  private async holdUntilLost(row: ClaimRow): Promise<void> {
    let claim: ClaimRow | undefined = row;
    let prepared = false;
    while (this.holding) {
      try {
        if (!prepared) await this.prepare(claim ?? (await this.readClaim()));
        prepared = true;
        claim = undefined;
        await this.consume();
      } catch (error) {
        claim = undefined;
        prepared = false;
        if (!this.holding) return;
        this.lastError = { message: errorText(error), at: this.now() };
        if (!(error instanceof CheckpointMovedError)) await sleep(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private async readClaim(): Promise<ClaimRow> {
    const { rows } = await this.pool.query<{ position: number | null; version: number | null; copy_id: string | null; holder: string | null }>(
      'SELECT position, version, copy_id, holder FROM consumer_claims WHERE consumer = $1 AND partition = 0', [this.projection.name]);
    const row = rows[0];
    if (row?.holder !== this.keeper.workerId) {
      this.holding = false;
      throw new CheckpointMovedError(this.projection.name);
    }
    return { position: row.position, version: row.version, copyId: row.copy_id };
  }

  /** Makes the working copy equal to the shared tables: kept as it is, reloaded from PostgreSQL, or rebuilt. */
  private async prepare(claim: ClaimRow): Promise<void> {
    this.generations.dropInactive(this.projection);
    if (claim.version !== this.projection.version) return this.rebuildFromLog(claim.position);
    const active = this.generations.active(this.projection.name);
    const copyId = this.localCopyId();
    if (!(active && active.version === claim.version && active.position === claim.position && copyId === claim.copyId)) {
      const next = this.generations.create(this.projection);
      const tables = describeTables(this.db, this.projection, this.generations.names(this.projection, next.generation));
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const { rows } = await client.query<{ position: number | null; copy_id: string }>(
          'SELECT position, copy_id FROM consumer_claims WHERE consumer = $1 AND partition = 0', [this.projection.name]);
        await copyFromPostgres(client, this.db, tables);
        await client.query('COMMIT');
        this.db.transaction(() => {
          if (rows[0]!.position !== null) this.generations.savePosition(this.projection.name, next.generation, rows[0]!.position);
          this.setLocalCopyId(rows[0]!.copy_id);
        })();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        this.generations.drop(this.projection, next.generation);
        throw error;
      } finally {
        client.release();
      }
      this.generations.activate(this.projection, next.generation);
      this.generations.dropInactive(this.projection);
    }
    this.watch();
  }

  private async rebuildFromLog(expected: number | null, onProgress: (progress: RebuildProgress) => void = () => {}): Promise<void> {
    const next = this.generations.create(this.projection);
    const target = {
      db: this.db, store: this.store, generations: this.generations, projection: this.projection,
      generation: next.generation, batchSize: this.options.rebuildBatchSize ?? 5000,
    };
    const report = (p: RebuildProgress) => ((this.progress = p), onProgress(p));
    try {
      const createIndexes = this.generations.deferIndexes(this.projection, next.generation);
      const position = await replay(target, null, { applied: 0, startedAt: performance.now(), from: 0 }, report);
      createIndexes();
      const tables = describeTables(this.db, this.projection, this.generations.names(this.projection, next.generation));
      const copyId = randomUUID();
      await this.moveCheckpoint(expected, position, async (client) => {
        await client.query('UPDATE consumer_claims SET version = $2, copy_id = $3 WHERE consumer = $1 AND partition = 0',
          [this.projection.name, this.projection.version, copyId]);
        await replaceInPostgres(client, this.db, tables);
        const parked = await pgParking.get(client, this.projection.name);
        if (parked && position !== null && position >= parked.position) await pgParking.resolve(client, parked, 'retried', 'rebuild', null, this.now());
      });
      this.setLocalCopyId(copyId);
      this.generations.activate(this.projection, next.generation);
      this.generations.dropInactive(this.projection);
      this.parkedHere = false;
      this.watch();
    } catch (error) {
      this.generations.drop(this.projection, next.generation);
      throw error;
    } finally {
      this.progress = null;
    }
  }

  private watch(): void {
    const active = this.generations.active(this.projection.name)!;
    this.tables = describeTables(this.db, this.projection, this.generations.names(this.projection, active.generation));
    captureChanges(this.db, this.tables);
  }

  /** Consumes from the copy's checkpoint on the shared resubscribe loop, until the claim is lost, a poison event parks, or a rebuild. */
  private async consume(): Promise<void> {
    while (this.holding && (this.parkedHere || this.rebuilding)) await sleep(this.options.retryDelayMs ?? 1000);
    if (!this.holding) return;
    const active = this.generations.active(this.projection.name)!;
    let moved: unknown;
    const feed = new SubscriptionLoop(this.store, {
      checkpoint: () => this.generations.active(this.projection.name)?.position ?? null,
      handle: async (batch) => {
        try {
          return await this.handle(active.generation, batch);
        } catch (error) {
          if (!(error instanceof CheckpointMovedError)) throw error;
          moved = error;
          return 'stop';
        }
      },
      onFailure: (error) => (this.lastError = { message: errorText(error), at: this.now() }),
      batchSize: this.options.batchSize ?? 500,
      maxLatencyMs: this.options.maxLatencyMs ?? 20,
      retryDelayMs: this.options.retryDelayMs ?? 1000,
      ...(this.options.maxRetryDelayMs !== undefined && { maxRetryDelayMs: this.options.maxRetryDelayMs }),
    });
    this.feed = feed;
    feed.start();
    await feed.finished;
    if (moved) throw moved;
  }

  private async handle(generation: number, batch: FeedBatch): Promise<'stop' | void> {
    if (!this.holding || this.rebuilding) return 'stop';
    const outcome = await this.commit(generation, batch);
    this.meter.record(outcome.consumed);
    if (!outcome.poison) return;
    this.lastError = { message: errorText(outcome.poison.error), at: this.now() };
    this.parkedHere = true;
    return 'stop';
  }

  /** The batch in the working copy's transaction, its rows and checkpoint in PostgreSQL's; both commit or neither. */
  private async commit(generation: number, batch: FeedBatch) {
    const t = this.generations.names(this.projection, generation);
    const before = this.generations.active(this.projection.name)!.position;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      let poison: Poison | undefined;
      const outcome = commitBatch(this.db, this.generations, this.projection, generation, batch, (p) => (poison = p));
      const changes = takeChanges(this.db, this.tables);
      const found = poison as Poison | undefined;
      await this.moveCheckpoint(before, outcome.position ?? before, async (client) => {
        await writeChanges(client, changes);
        if (found) await pgParking.park(client, this.projection.name, found.event, found.error, this.now());
        else if (this.retrying) await this.resolvePassedParking(client, outcome.position ?? before);
      });
      this.db.exec('COMMIT');
      return outcome;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.projection.discard?.(this.db, t);
      throw error;
    }
  }

  /** A parked event the checkpoint has moved past after a retry is resolved, in the batch's transaction. */
  private async resolvePassedParking(client: import('pg').PoolClient, position: number | null): Promise<void> {
    const parked = await pgParking.get(client, this.projection.name);
    if (parked && position !== null && position >= parked.position) await pgParking.resolve(client, parked, 'retried', 'operator', null, this.now());
    if (!parked || (position !== null && position >= parked.position)) this.retrying = false;
  }

  /** One PostgreSQL transaction that moves the checkpoint from `from` to `to` only if it is still there and still ours. */
  private async moveCheckpoint(from: number | null, to: number | null, work: (client: import('pg').PoolClient) => Promise<void>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `UPDATE consumer_claims SET position = $2 WHERE consumer = $1 AND partition = 0 AND holder = $3 AND position IS NOT DISTINCT FROM $4`,
        [this.projection.name, to, this.keeper.workerId, from],
      );
      if (rowCount !== 1) throw new CheckpointMovedError(this.projection.name);
      await work(client);
    });
  }

  private localCopyId(): string | undefined {
    return (this.db.prepare('SELECT copy_id FROM mirror_state WHERE projection = ?').pluck().get(this.projection.name) as string | undefined);
  }

  private setLocalCopyId(copyId: string): void {
    this.db.prepare('INSERT INTO mirror_state VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET copy_id = excluded.copy_id').run(this.projection.name, copyId);
  }

  private assertHeldHere(): void {
    if (!this.holding) throw new Error(`Projection ${this.projection.name} runs on another worker (or none holds it now)`);
  }

  private now(): string {
    return (this.options.clock ?? systemClock).now().toString();
  }
}
