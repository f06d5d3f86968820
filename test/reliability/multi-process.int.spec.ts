import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { PostgresEventStore, openPool, type PgPool } from '#eventstore';
import { PostgresWitnessStore, generateSigningKeyPem, parseSigningKey, verifyLog } from '#integrity';
import { accountEventNames } from '#hour-bank';
import type { RecordedEvent } from '#kernel';
import { mintToken, type PrincipalRole } from '#platform';
import { ProjectionRunner, describeTables, openReadModelDatabase } from '#projections';
import { createTestDatabase, type TestDatabase } from '#testing';
import { ticketEventNames } from '#ticketing';
import { workerProjections } from '../../apps/worker/src/worker-projections.js';
import type { HttpResult } from '../e2e/support/http-client.js';
import { Cluster, type Member } from './multi-process/cluster.js';
import { FreezableProxy } from './multi-process/freezable-proxy.js';

const ACCOUNTS = 8;
const TICKETS_PER_ACCOUNT = 3;
const CLAIM_TTL_MS = 3000;
const ZONE = 'America/Sao_Paulo';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Command {
  readonly name: string;
  readonly role: PrincipalRole;
  readonly sub: string;
  readonly accounts?: string[];
  readonly path: string;
  readonly body: unknown;
  readonly key: string;
}

interface Acknowledged extends Command {
  readonly status: number;
  readonly answer: unknown;
  readonly replica: string;
}

/** A test-only trigger on the claims table: every move of a checkpoint, from where to where, and by whom. */
const recordCheckpointMoves = async (pool: PgPool) => {
  await pool.query(`
    CREATE TABLE test_checkpoint_moves (id bigint GENERATED ALWAYS AS IDENTITY, consumer text, kind text, old_position bigint, new_position bigint, holder text);
    CREATE FUNCTION test_record_move() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
      IF NEW.position IS DISTINCT FROM OLD.position THEN
        INSERT INTO test_checkpoint_moves (consumer, kind, old_position, new_position, holder) VALUES (NEW.consumer, NEW.kind, OLD.position, NEW.position, NEW.holder);
      END IF;
      RETURN NEW;
    END $fn$;
    CREATE TRIGGER test_record_move AFTER UPDATE ON consumer_claims FOR EACH ROW EXECUTE FUNCTION test_record_move();`);
};

const holdsProjection = async (pool: PgPool, holder: string): Promise<boolean> =>
  (await pool.query(`SELECT 1 FROM consumer_claims WHERE kind = 'projection' AND holder LIKE '%' || $1 || '%' AND expires_at > now()`, [holder])).rowCount! > 0;

describe('three API replicas and two workers on one PostgreSQL; mid-load a worker and an API SIGKILLed, a worker stalled, a worker cut off', function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let cluster: Cluster;
  let pool: PgPool;
  let store: PostgresEventStore;
  let secret: Uint8Array;
  let partition: FreezableProxy;
  let events: RecordedEvent[] = [];
  const acknowledged: Acknowledged[] = [];
  const holders = new Set<string>();
  const killedWorkerPids: number[] = [];
  const replays: { first: Acknowledged; again: HttpResult }[] = [];
  let next = 0;
  let expectedCommands = 0;

  const token = (command: Pick<Command, 'role' | 'sub' | 'accounts'>) =>
    mintToken({ secret, issuer: 'hour-bank', audience: 'hour-bank' }, { role: command.role, sub: command.sub, accounts: command.accounts ?? [], ttl: '1h' });

  const replica = (): Member => cluster.apis[next++ % cluster.apis.length]!;

  const post = async (member: Member, command: Command): Promise<HttpResult | undefined> => {
    try {
      return await member.client.post(command.path, command.body, { token: await token(command), headers: { 'Idempotency-Key': command.key } });
    } catch {
      return undefined; // the replica is down (killed, or restarting): the caller tries another
    }
  };

  /** Sends until some replica acknowledges it, the same Idempotency-Key on every attempt; sometimes asks again elsewhere. */
  const send = async (command: Command): Promise<Acknowledged> => {
    for (let attempt = 1; attempt <= 80; attempt++) {
      const member = replica();
      const result = await post(member, command);
      if (!result || result.status >= 500 || result.status === 409) {
        await sleep(250);
        continue;
      }
      expect(result.status, `${command.name} on ${member.name}: ${result.text}`).to.be.oneOf([200, 201]);
      const ack = { ...command, status: result.status, answer: result.body, replica: member.name };
      acknowledged.push(ack);
      if (Math.random() < 0.3) {
        const again = await post(replica(), command);
        if (again) replays.push({ first: ack, again });
      }
      return ack;
    }
    throw new Error(`${command.name} was never acknowledged`);
  };

  const accountFlow = async (i: number, firstPeriod: string, today: string, delivery: string) => {
    const manager = { role: 'manager' as const, sub: 'manager-1' };
    const opened = await send({ ...manager, name: `open account ${i}`, path: '/accounts', key: randomUUID(),
      body: { clientName: `Cliente ${i}`, plan: 'START', firstPeriod, overageRateCentsPerHour: 15000 } });
    const accountId = (opened.answer as { id: string }).id;
    const client = { role: 'client' as const, sub: `client-${i}`, accounts: [accountId] };
    const agent = { role: 'agent' as const, sub: 'agent-1' };
    for (let t = 0; t < TICKETS_PER_ACCOUNT; t++) {
      const ticket = await send({ ...client, name: `open ticket ${i}.${t}`, path: '/tickets', key: randomUUID(),
        body: { accountId, title: `Chamado ${i}.${t}`, description: 'Relatório lento', category: 'support' } });
      const id = (ticket.answer as { id: string }).id;
      const on = (name: string, who: typeof client | typeof agent, path: string, body: unknown) =>
        send({ ...who, name: `${name} ${i}.${t}`, path: `/tickets/${id}/${path}`, body, key: randomUUID() });
      const estimate = await on('estimate', agent, 'estimate', { minutes: 60, expectedDeliveryAt: delivery });
      const estimated = (estimate.answer as { events: { type: string; data: { approvalRequired?: boolean } }[] }).events.find((e) => e.type === 'TicketEstimated');
      if (estimated?.data.approvalRequired) await on('approve', client, 'approval', { decision: 'approve' });
      await on('log 30', agent, 'time-entries', { minutes: 30, activity: 'development', performedOn: today });
      await on('log 15', agent, 'time-entries', { minutes: 15, activity: 'test', performedOn: today });
      await on('deliver', agent, 'delivery', { summary: 'Índice criado' });
      await on('accept', client, 'acceptance', {});
    }
  };

  /** Every consumer partition at the head, nothing due left unfired, and the log still for a while. */
  const quiet = async (timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    let stableSince = 0;
    let lastHead = -1;
    for (;;) {
      const now = Temporal.Now.instant().toString({ fractionalSecondDigits: 3 });
      const { rows } = await pool.query<{ head: number; behind: number; due: number }>(
        `SELECT (SELECT coalesce(max(position), 0) FROM events) AS head,
                (SELECT count(*) FROM consumer_claims WHERE coalesce(position, 0) < (SELECT coalesce(max(position), 0) FROM events)) AS behind,
                (SELECT count(*) FROM due_items d LEFT JOIN due_item_firings f ON f.key = d.key WHERE d.due_at <= $1 AND f.fired_at IS NULL) AS due`,
        [now]);
      const { head, behind, due } = rows[0]!;
      if (behind === 0 && due === 0 && head === lastHead) {
        if (stableSince === 0) stableSince = Date.now();
        if (Date.now() - stableSince > 1500) return;
      } else stableSince = 0;
      lastHead = head;
      if (Date.now() > until) throw new Error(`not quiet after ${timeoutMs} ms: head ${head}, ${behind} consumer partitions behind, ${due} items due`);
      await sleep(250);
    }
  };

  /** The log notary's key, the same for every worker (production refuses to start without one on PostgreSQL). */
  const logKeyPem = generateSigningKeyPem();

  before(async () => {
    database = await createTestDatabase('hbcluster');
    const secretText = randomBytes(32).toString('base64url');
    secret = new Uint8Array(Buffer.from(secretText, 'base64url'));
    // worker-2 reaches the shared read models through a relay the test can freeze: a network partition.
    const target = new URL(database.url);
    partition = await FreezableProxy.start(target.hostname, Number(target.port));
    const throughRelay = (name: string) => (name === 'worker-2' ? { HOURBANK_DATABASE_URL: partition.url(database.url) } : {});
    cluster = new Cluster(3, 2, {
      ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'production', HOURBANK_JWT_SECRET: secretText,
      HOURBANK_LOG_SIGNING_KEY: logKeyPem, HOURBANK_LOG_CHECKPOINT_EVERY: '200',
      HOURBANK_DATABASE_URL: database.url, EVENTSTORE_CONNECTION_STRING: database.url,
      HOURBANK_CLAIM_TTL_MS: String(CLAIM_TTL_MS), HOURBANK_SCHEDULER_INTERVAL_MS: '200', HOURBANK_REACTOR_PARTITIONS: '4',
      HOURBANK_THROTTLE_LIMIT: '100000', HOURBANK_IDEMPOTENCY_LEASE_SECONDS: '2',
    }, throughRelay);
    await cluster.start();
    pool = openPool(database.url, { max: 4 });
    await recordCheckpointMoves(pool);
    const watcher = setInterval(() => void pool.query<{ holder: string }>('SELECT DISTINCT holder FROM consumer_claims WHERE holder IS NOT NULL')
      .then(({ rows }) => rows.forEach((r) => holders.add(r.holder)), () => undefined), 300);

    const now = Temporal.Now.zonedDateTimeISO(ZONE);
    const firstPeriod = now.toPlainDate().toPlainYearMonth().subtract({ months: 14 }).toString();
    const today = now.toPlainDate().toString();
    const delivery = now.add({ days: 10 }).toInstant().toString();
    expectedCommands = ACCOUNTS * (1 + TICKETS_PER_ACCOUNT * 6);
    const chaos = (async () => {
      while (acknowledged.length < expectedCommands * 0.35) await sleep(20);
      const [worker, api] = [cluster.workers[0]!, cluster.apis[1]!];
      killedWorkerPids.push(worker.pid!);
      await Promise.all([worker.kill(), api.kill()]);
      await sleep(500);
      await Promise.all([worker.start(), api.start()]);
      while (acknowledged.length < expectedCommands * 0.6) await sleep(10);
      await cluster.workers[1]!.stall(CLAIM_TTL_MS + 1500);
      // Cut off from the shared state (its event reads still flow), worker-2 goes on folding batches into its copy; its
      // claims expire and worker-1 takes over. Thawed, its commits arrive from a stale copy and must be refused.
      while (acknowledged.length < expectedCommands * 0.75) await sleep(10);
      // Cut it off while it holds at least one projection (after the stall it wins its share back one claim a second).
      const worker2 = `:${cluster.workers[1]!.pid}:`;
      // Up to 30 s: issue 15's maintenance reactor adds REACTOR_PARTITIONS claims to win back before a projection's turn may come.
      for (let i = 0; i < 300 && !(await holdsProjection(pool, worker2)); i++) await sleep(100);
      expect(await holdsProjection(pool, worker2), 'worker-2 holds a projection before it is cut off').to.equal(true);
      partition.freeze();
      await sleep(CLAIM_TTL_MS + 2500);
      partition.thaw();
    })();
    const flows = Array.from({ length: ACCOUNTS }, (_, i) => accountFlow(i, firstPeriod, today, delivery));
    await Promise.all([...flows, chaos]);
    await quiet(120_000);
    clearInterval(watcher);
    store = await PostgresEventStore.connect(database.url);
    events = [];
    for await (const event of store.readAll()) events.push(event);
  });

  after(async () => {
    partition?.thaw();
    await cluster?.stop();
    await partition?.close();
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  const ofType = (type: string, where: (e: RecordedEvent) => boolean = () => true) => events.filter((e) => e.type === type && where(e));
  const ticketOf = (e: RecordedEvent) => (e.data as { ticketId: string }).ticketId;

  it('acknowledged every command of the load, and both workers held claims at some point', () => {
    expect(acknowledged.filter((a) => !a.name.startsWith('approve'))).to.have.length(expectedCommands);
    expect(holders.size, [...holders].join(', ')).to.be.at.least(2);
  });

  it("every acknowledged command's effect is in the log exactly once", () => {
    const accounts = acknowledged.filter((a) => a.name.startsWith('open account')).map((a) => (a.answer as { id: string }).id);
    for (const id of accounts) expect(ofType(accountEventNames.AccountOpened, (e) => e.stream === `account-${id}`), id).to.have.length(1);
    const tickets = acknowledged.filter((a) => a.name.startsWith('open ticket')).map((a) => (a.answer as { id: string }).id);
    expect(tickets).to.have.length(ACCOUNTS * TICKETS_PER_ACCOUNT);
    const approvals = new Set(acknowledged.filter((a) => a.name.startsWith('approve')).map((a) => a.path.split('/')[2]));
    for (const id of tickets) {
      const stream = events.filter((e) => e.stream === `ticket-${id}`);
      const count = (type: string) => stream.filter((e) => e.type === type).length;
      expect([count(ticketEventNames.TicketOpened), count(ticketEventNames.TicketEstimated), count(ticketEventNames.TimeLogged),
        count(ticketEventNames.TicketDelivered), count(ticketEventNames.TicketClosed), count(ticketEventNames.EstimateApproved)], id)
        .to.deep.equal([1, 1, 2, 1, 1, approvals.has(id) ? 1 : 0]);
      expect(stream.filter((e) => e.type === ticketEventNames.TimeLogged).map((e) => (e.data as { minutes: number }).minutes).sort()).to.deep.equal([15, 30]);
    }
  });

  it('every reactor effect happened once: one reservation and one debit of 45 minutes per ticket', () => {
    const tickets = acknowledged.filter((a) => a.name.startsWith('open ticket')).map((a) => (a.answer as { id: string }).id);
    for (const id of tickets) {
      expect(ofType(accountEventNames.MinutesReservedForTicket, (e) => ticketOf(e) === id), `reservations of ${id}`).to.have.length(1);
      const debits = ofType(accountEventNames.TicketDebited, (e) => ticketOf(e) === id);
      expect(debits.map((e) => (e.data as { minutes: number }).minutes), `debits of ${id}`).to.deep.equal([45]);
    }
  });

  it('every deadline fired once: each due item dispatched to completion by one scheduler, each credit and expiry once', async () => {
    const { rows } = await pool.query<{ key: string; worker: string; outcome: string | null }>('SELECT key, worker, outcome FROM due_item_dispatches ORDER BY id');
    const byKey = new Map<string, typeof rows>();
    for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    const { rows: due } = await pool.query<{ key: string }>(`SELECT key FROM due_items WHERE due_at <= $1`, [Temporal.Now.instant().toString()]);
    expect(due.length).to.be.at.least(ACCOUNTS * 15);
    for (const { key } of due) {
      const dispatches = byKey.get(key) ?? [];
      const completed = dispatches.filter((d) => d.outcome?.startsWith('fired'));
      expect(completed.map((d) => d.outcome), `${key} dispatched to completion: ${JSON.stringify(dispatches)}`).to.deep.equal(['fired']);
      const unfinished = dispatches.filter((d) => d.outcome === null);
      for (const d of unfinished) expect(killedWorkerPids.map(String), `${key} left by ${d.worker}`).to.include(d.worker.split(':')[1]);
    }
    const accounts = acknowledged.filter((a) => a.name.startsWith('open account')).map((a) => (a.answer as { id: string }).id);
    const now = Temporal.Now.instant();
    for (const id of accounts) {
      const credits = ofType(accountEventNames.MonthlyPlanCredited, (e) => e.stream === `account-${id}`);
      const periods = credits.map((e) => (e.data as { period: string }).period);
      expect(new Set(periods).size, `${id} credited ${periods.join(', ')}`).to.equal(periods.length);
      expect(periods).to.have.length(15);
      const lapsed = credits.filter((e) => Temporal.Instant.compare(Temporal.Instant.from((e.data as { expiresAt: string }).expiresAt), now) <= 0)
        .map((e) => (e.data as { lotId: string }).lotId).sort();
      const expired = ofType(accountEventNames.LotExpired, (e) => e.stream === `account-${id}`).map((e) => (e.data as { lotId: string }).lotId).sort();
      expect(expired, `${id} expiries`).to.deep.equal(lapsed);
    }
  });

  it('no projection checkpoint ever moved back (no worker committed from a stale copy)', async () => {
    const { rows } = await pool.query<{ consumer: string; old_position: number | null; new_position: number | null; holder: string }>(
      `SELECT consumer, old_position, new_position, holder FROM test_checkpoint_moves WHERE kind = 'projection' ORDER BY id`);
    expect(rows.length, 'checkpoint moves recorded').to.be.above(20);
    const back = rows.filter((r) => (r.new_position ?? 0) < (r.old_position ?? 0));
    expect(back, JSON.stringify(back.slice(0, 5))).to.deep.equal([]);
  });

  it('every read model in PostgreSQL equals a rebuild from the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourbank-cluster-rebuild-'));
    const db = openReadModelDatabase(join(dir, 'rebuilt.sqlite'));
    try {
      for (const projection of workerProjections({ autoCloseBusinessDays: 5 })) {
        const runner = new ProjectionRunner(projection, store, db);
        await runner.rebuild();
        const generation = (await runner.status()).generation!;
        for (const table of describeTables(db, projection, (logical) => `${logical}__g${generation}`)) {
          const order = table.key.map((k) => `"${k}"`).join(', ');
          const rebuilt = db.prepare(`SELECT * FROM "${table.physical}" ORDER BY ${order}`).raw().all();
          const shared = (await pool.query({ text: `SELECT * FROM "${table.logical}" ORDER BY ${order}`, rowMode: 'array' })).rows;
          expect(shared.length, `${table.logical} rows`).to.equal(rebuilt.length);
          expect(JSON.stringify(shared), `${projection.name}: ${table.logical}`).to.equal(JSON.stringify(rebuilt));
        }
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the log verifies: every event sealed, the notary\'s shared record unbroken through the kills, the stall and the partition, its checkpoints signed by the one key', async () => {
    const witness = new PostgresWitnessStore(pool);
    for (let i = 0; i < 300 && (await witness.head()).position < events.at(-1)!.position; i++) await sleep(100);
    const result = await verifyLog({
      store, system: await witness.checkpoints(), trustedKeyIds: new Set([parseSigningKey(logKeyPem).keyId]), witness: () => witness.rows(),
    });
    expect(result.findings).to.deep.equal([]);
    expect([result.ok, result.events]).to.deep.equal([true, events.length]);
    expect(result.checkpoints.checked).to.be.at.least(Math.floor(events.length / 200));
  });

  it('a retried Idempotency-Key is answered with the first answer, on any replica', async () => {
    expect(replays.length).to.be.above(10);
    for (const { first, again } of replays) {
      expect([again.status, again.body], first.name).to.deep.equal([first.status, first.answer]);
      expect(again.headers.get('idempotent-replayed'), first.name).to.equal('true');
    }
    for (const [i, ack] of acknowledged.entries()) {
      const member = cluster.apis[i % cluster.apis.length]!;
      const again = await post(member, ack);
      expect([again?.status, again?.body], `${ack.name} again on ${member.name}`).to.deep.equal([ack.status, ack.answer]);
    }
  });
});
