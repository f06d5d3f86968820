import { expect } from 'chai';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventStoreContract } from '#testing';
import { openDatabase, SqliteCheckpointStore, SqliteEventStore } from '#eventstore';

const tempDir = (): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-es-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Pages far smaller than the default's 1,000, so the contract's reads and subscriptions cross many page edges. */
const CONTRACT_PAGE_SIZE = 4;

eventStoreContract('SQLite', async () => {
  const { dir, remove } = tempDir();
  const store = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20, pageSize: CONTRACT_PAGE_SIZE });
  return { store, pageSize: CONTRACT_PAGE_SIZE, cleanup: async () => (await store.close(), remove()) };
});

type Outcome = { revision: number; won: boolean; actual?: unknown };

function contender(file: string, stream: string, writer: string, count: number) {
  const script = fileURLToPath(new URL('./fixtures/contending-appender.js', import.meta.url));
  const child = fork(script, [file, stream, writer, String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`${writer} exited with ${code} before reporting`)));
  });
  const ready = Promise.race([new Promise<void>((resolve) => child.once('message', () => resolve())), exited]);
  const result = Promise.race([
    new Promise<Outcome[]>((resolve) => {
      child.on('message', (m) => typeof m === 'object' && resolve((m as { outcomes: Outcome[] }).outcomes));
    }),
    exited,
  ]);
  result.catch(() => undefined);
  return { ready, go: () => child.send('go'), result };
}

describe('SqliteEventStore across processes', function () {
  this.timeout(60_000);
  const temp = tempDir();
  after(() => temp.remove());

  it('four processes contending for each revision of one stream: exactly one wins each, the rest get the error', async () => {
    const file = join(temp.dir, 'contended.db');
    await SqliteEventStore.open(file).close();
    const count = 40;
    const writers = ['p1', 'p2', 'p3', 'p4'].map((w) => contender(file, 'race-1', w, count));
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    const results = await Promise.all(writers.map((w) => w.result));
    for (let revision = 0; revision < count; revision++) {
      const attempts = results.map((outcomes) => outcomes[revision]!);
      expect(attempts.filter((a) => a.won), `revision ${revision}`).to.have.length(1);
      attempts.filter((a) => !a.won).forEach((a) => expect(a.actual).to.be.a('number').at.least(revision));
    }
    const store = SqliteEventStore.open(file);
    const revisions: number[] = [];
    for await (const event of store.readStream('race-1')) revisions.push(event.revision);
    await store.close();
    expect(revisions).to.deep.equal([...Array(count).keys()]);
  });

  it('a live subscription sees appends made by another process', async () => {
    const file = join(temp.dir, 'shared.db');
    const reader = SqliteEventStore.open(file, { pollIntervalMs: 20 });
    const subscription = reader.subscribeToAll({ filter: { streamCategories: ['race'] } });
    const writer = contender(file, 'race-2', 'p1', 3);
    await writer.ready;
    writer.go();
    const seen: number[] = [];
    for await (const event of subscription) if (seen.push(event.revision) === 3) break;
    await writer.result;
    await reader.close();
    expect(seen).to.deep.equal([0, 1, 2]);
  });
});

describe('SqliteCheckpointStore', () => {
  const temp = tempDir();
  after(() => temp.remove());

  it('stores a checkpoint in the same transaction as a read model, or not at all', () => {
    const db = openDatabase(join(temp.dir, 'read-model.db'), { synchronous: 'NORMAL' });
    db.exec('CREATE TABLE balances (account TEXT PRIMARY KEY, minutes INTEGER NOT NULL)');
    const checkpoints = new SqliteCheckpointStore(db);
    const write = db.transaction((position: number, fail: boolean) => {
      db.prepare('INSERT OR REPLACE INTO balances VALUES (?, ?)').run('a-1', position * 10);
      checkpoints.store('balances', position);
      if (fail) throw new Error('projection failed');
    });
    expect(checkpoints.load('balances')).to.equal(undefined);
    write(7, false);
    expect(() => write(8, true)).to.throw('projection failed');
    expect(checkpoints.load('balances')).to.equal(7);
    expect(db.prepare('SELECT minutes FROM balances').pluck().get()).to.equal(70);
    db.close();
  });
});

describe('SqliteEventStore file', () => {
  const temp = tempDir();
  after(() => temp.remove());

  it('opens in WAL mode with synchronous=FULL and records its migrations once', async () => {
    const file = join(temp.dir, 'events.db');
    await SqliteEventStore.open(file).close();
    await SqliteEventStore.open(file).close();
    const store = SqliteEventStore.open(file);
    expect(store.db.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(store.db.pragma('synchronous', { simple: true })).to.equal(2);
    expect(store.db.prepare('SELECT version FROM schema_migrations').pluck().all()).to.deep.equal([1]);
    expect(await store.status()).to.deep.include({ backend: 'sqlite', ok: true, headPosition: 0 });
    await store.close();
    expect(await store.status()).to.deep.include({ ok: false });
  });
});
