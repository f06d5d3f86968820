import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { TEST_CLOCK, type TestClock } from '#platform';
import { READ_MODELS_FILE } from '../../apps/worker/src/read-models.js';
import { quiesce } from '../../apps/worker/src/quiesce.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../e2e/support/harness.js';
import { randomScenario } from './scenario-support/random-scenario.js';

const SEED = Number(process.env.REPLAY_SPEC_SEED ?? 20260317);
const STEPS = Number(process.env.REPLAY_SPEC_STEPS ?? 300);

/** Tickets whose estimates a replay meets before their debit (the case that parked the reactor). */
const debitedAfterEstimates = async (store: EventStore): Promise<number> => {
  const estimated = new Set<string>();
  let debited = 0;
  for await (const event of store.readAll()) {
    if (event.type === 'hourbank.ticket.estimated.v1') estimated.add((event.data as { ticketId: string }).ticketId);
    if (event.type === 'hourbank.account.ticket-debited.v1' && estimated.has((event.data as { ticketId: string }).ticketId)) debited++;
  }
  return debited;
};

/**
 * Read models are disposable: delete readmodels.sqlite (checkpoints, snapshots and firing marks with it) after a
 * long scenario and restart. Every reactor replays from position 0 and the scheduler fires every past deadline
 * again: nothing may be written and nothing parked (issue 17, observation 6).
 */
describe('reactors replayed from position 0 after the read models are deleted', function () {
  this.timeout(300_000);
  let dataDir: string;
  let api: ApiHarness | undefined;
  let recorded: { head: number; balances: unknown; debitedAfterEstimates: number };

  const balances = async (harness: ApiHarness) => (await (await harness.as('manager')).get('/balances?size=100')).body.items;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-replay-'));
    writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: '2025-12-20T12:00:00Z' }));
    const first = await ApiHarness.start({ testClock: true, dataDir });
    const asClient = (sub: string, accountId: string) => first.as('client', { sub, accounts: [accountId] });
    await randomScenario(await first.as('manager'), await first.as('agent'), asClient, first.app.get(WorkerRuntime), first.app.get<TestClock>(TEST_CLOCK), SEED, STEPS);
    const store = first.app.get<EventStore>(EVENT_STORE);
    recorded = { head: (await store.status()).headPosition ?? 0, balances: await balances(first), debitedAfterEstimates: await debitedAfterEstimates(store) };
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, READ_MODELS_FILE + suffix), { force: true });
    api = await ApiHarness.start({ testClock: true, dataDir });
    const worker = api.app.get(WorkerRuntime);
    await quiesce(api.app.get<EventStore>(EVENT_STORE), worker.admin, 120_000);
    await worker.settle(120_000);
  });

  after(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('replayed a long history with estimates of tickets since debited (seed printed on failure)', () =>
    expect({ seed: SEED, long: recorded.head > 250, debited: recorded.debitedAfterEstimates >= 15 }).to.deep.equal({ seed: SEED, long: true, debited: true }));

  it('parks no consumer and leaves every one at the head', async () => {
    const { consumers, headPosition } = await api!.app.get(WorkerRuntime).admin.status();
    expect(consumers.filter((consumer) => consumer.parked !== null).map((consumer) => consumer.name)).to.deep.equal([]);
    expect(consumers.map((consumer) => [consumer.name, consumer.position])).to.deep.equal(consumers.map((consumer) => [consumer.name, headPosition]));
  });

  it('writes nothing: the log ends where it ended before the restart', async () =>
    expect((await api!.app.get<EventStore>(EVENT_STORE).status()).headPosition).to.equal(recorded.head));

  it('rebuilds the same balances', async () => expect(await balances(api!)).to.deep.equal(recorded.balances));
});
