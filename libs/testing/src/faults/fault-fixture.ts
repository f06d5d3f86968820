import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import {
  type Db, type Projection, type Reactor, ProjectionRunner, ProjectionsAdmin, ReactorRunner, openReadModelDatabase, prepareCached,
} from '#projections';
import { ContractFixture } from '../contract/contract-fixture.js';

/** What a store must offer for the fault suite: the store itself and ways to hurt it. */
export interface FaultyStoreUnderTest {
  readonly store: EventStore;
  /** Ends every subscription open on `store` with an error, as a lost connection does. */
  dropSubscriptions(): Promise<void>;
  /** Positions inside the log where no record starts (a byte offset inside a record, a gap), beyond the generic ones. */
  invalidPositions(): Promise<number[]>;
  /** The store is unreachable for `ms`, then back (stores behind a server). */
  outage?(ms: number): Promise<void>;
  /** Writes an event into `stream` that the store hands over but whose payload cannot be decoded. */
  writeUndecodable?(stream: string, type: string): Promise<void>;
  /** Writes records the port never shows (EventStoreDB's system records). */
  writeHiddenRecords?(count: number): Promise<void>;
  cleanup(): Promise<void>;
}

/** A projection that counts the events of one category per stream, reading each event's data. */
const countingProjection = (f: ContractFixture): Projection => ({
  name: `faults-${f.token}`,
  version: 1,
  filter: { streamCategories: [f.category] },
  tables: [`fault_counts_${f.token}`],
  migrate: (db, t) => db.exec(`CREATE TABLE ${t(`fault_counts_${f.token}`)} (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)`),
  apply: (db, event, t) => {
    const data = event.data as { poison?: boolean };
    if (data?.poison) throw new Error(`poison event ${event.id}`);
    prepareCached(db, `INSERT INTO ${t(`fault_counts_${f.token}`)} (stream, n) VALUES (?, 1) ON CONFLICT (stream) DO UPDATE SET n = n + 1`).run(event.stream);
  },
});

/** A reactor whose effect is keyed by event id (idempotent); it reads each event's data and refuses poison. */
class RecordingReactor implements Reactor {
  readonly name: string;
  readonly filter: { streamCategories: string[] };
  readonly deliveries: string[] = [];
  readonly effects = new Set<string>();

  constructor(f: ContractFixture) {
    this.name = `faults-reactor-${f.token}`;
    this.filter = { streamCategories: [f.category] };
  }

  async handle(event: RecordedEvent): Promise<void> {
    this.deliveries.push(event.id);
    if ((event.data as { poison?: boolean })?.poison) throw new Error(`poison event ${event.id}`);
    this.effects.add(event.id);
  }
}

/** A projection runner and a reactor runner over the store under test, on their own read-model database. */
export class RunnersOnStore {
  readonly f = new ContractFixture();
  readonly reactor = new RecordingReactor(this.f);
  readonly projection: ProjectionRunner;
  readonly reactorRunner: ReactorRunner;
  readonly admin: ProjectionsAdmin;
  private readonly dir = mkdtempSync(join(tmpdir(), 'hb-faults-'));
  readonly db: Db = openReadModelDatabase(join(this.dir, 'read.db'));

  constructor(readonly store: EventStore) {
    const quick = { retryDelayMs: 50, maxRetryDelayMs: 400, maxLatencyMs: 5 };
    this.projection = new ProjectionRunner(countingProjection(this.f), store, this.db, quick);
    this.reactorRunner = new ReactorRunner(this.reactor, store, this.db, { retryDelayMs: 50, maxAttempts: 2, backoffMs: 1 });
    this.admin = new ProjectionsAdmin(store, [this.projection], [this.reactorRunner]);
  }

  async start(): Promise<this> {
    await this.admin.startAll();
    return this;
  }

  /** Events of the category counted by the projection. */
  counted(): number {
    const row = this.db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM fault_counts_${this.f.token}`).get() as { n: number };
    return row.n;
  }

  async stop(): Promise<void> {
    await this.admin.stopAll();
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}
