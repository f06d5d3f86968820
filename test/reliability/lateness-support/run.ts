import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { TEST_CLOCK, type TestClock } from '#platform';
import { quiesce } from '../../../apps/worker/src/quiesce.js';
import { WorkerRuntime } from '../../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../../e2e/support/harness.js';
import type { HttpClient } from '../../e2e/support/http-client.js';
import { OVERRUN_MARGIN_PERCENT } from './drive.js';

export type Who = 'manager' | 'agent' | 'client';

/**
 * One app on its own data dir and test clock. On time, the scheduler fires every deadline at its instant (the
 * clock stops at each one). Late, it fires only at its wake-ups: the clock jumps, the projections and reactors
 * keep up, and the deadlines wait for the next wake-up (the interval timer never fires during a test).
 */
export class Run {
  private constructor(
    readonly late: boolean,
    private readonly api: ApiHarness,
    private readonly dataDir: string,
    private readonly clients: Partial<Record<Who, HttpClient>>,
    private wakeups: Temporal.Instant[],
  ) {}

  static async start(late: boolean, startAt: string, wakeups: readonly Temporal.Instant[]): Promise<Run> {
    const dataDir = mkdtempSync(join(tmpdir(), `hourbank-lateness-${late ? 'late' : 'on-time'}-`));
    writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: startAt }));
    const api = await ApiHarness.start({ testClock: true, dataDir, env: { HOURBANK_SCHEDULER_INTERVAL_MS: '86400000', HOURBANK_OVERRUN_MARGIN_PERCENT: String(OVERRUN_MARGIN_PERCENT) } });
    const clients = { manager: await api.as('manager', { sub: 'manager-1', ttl: '2h' }), agent: await api.as('agent', { sub: 'agent-1', ttl: '2h' }) };
    return new Run(late, api, dataDir, clients, [...wakeups]);
  }

  /** The client of the account (its token names the account, known once it is opened). */
  async clientOf(accountId: string): Promise<void> {
    this.clients.client = await this.api.as('client', { sub: 'client-1', accounts: [accountId], ttl: '2h' });
  }

  as(who: Who): HttpClient {
    const client = this.clients[who];
    if (!client) throw new Error(`No ${who} yet`);
    return client;
  }

  get store(): EventStore {
    return this.api.app.get<EventStore>(EVENT_STORE);
  }

  private get clock(): TestClock {
    return this.api.app.get<TestClock>(TEST_CLOCK);
  }

  private get worker(): WorkerRuntime {
    return this.api.app.get(WorkerRuntime);
  }

  /** Time passes up to `to`: on time every deadline fires at its instant; late only at the wake-ups passed. */
  async moveTo(to: Temporal.Instant): Promise<void> {
    if (!this.late) return void (await this.worker.advanceTo(this.clock, to));
    while (this.wakeups[0] && Temporal.Instant.compare(this.wakeups[0], to) <= 0) {
      this.clock.advanceTo(this.wakeups.shift()!);
      await this.worker.settle();
    }
    this.clock.advanceTo(to);
    await quiesce(this.store, this.worker.admin, 30_000);
  }

  /** The end of the history: the late scheduler finally catches up with everything due. */
  async finish(at: Temporal.Instant): Promise<void> {
    if (!this.late) return void (await this.worker.advanceTo(this.clock, at));
    this.clock.advanceTo(at);
    await this.worker.settle();
  }

  async close(): Promise<void> {
    await this.api.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
