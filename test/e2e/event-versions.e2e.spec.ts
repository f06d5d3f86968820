import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { NewEvent, RecordedEvent } from '#kernel';
import { startApi } from '../reliability/notifier-support/due-mails.js';
import type { ApiHarness } from './support/harness.js';
import { created, settle } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';
import { publishedValidators } from './feed-support/validators.js';

/**
 * A log written before issue 15 keeps `hourbank.account.opened.v1` and `hourbank.account.package-purchased.v1`; later
 * events are `.v2`. Every consumer in the repository reads both: the balance read model, the deadlines (the monthly
 * credit), the monthly report, the feed and its AsyncAPI document.
 */
describe('events stored as v1 before issue 15, beside v2 ones', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let manager: HttpClient;
  let legacy: string;
  let current: string;

  const storedEvents = async (store: EventStore, stream: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(stream)) events.push(event);
    return events;
  };
  const asV1 = (event: RecordedEvent, accountId: string, data: Record<string, unknown>): NewEvent => ({
    id: randomUUID(), type: event.type.replace(/\.v2$/, '.v1'), data: { ...data, accountId }, metadata: { ...event.metadata, correlationId: randomUUID() },
  });

  before(async () => {
    api = await startApi({ testClock: true });
    manager = await api.as('manager', { sub: 'manager-1' });
    created(await manager.post('/admin/clock', { now: '2030-06-04T12:00:00Z' }));
    current = created(await manager.post('/accounts', { clientName: 'Conta Nova', plan: 'START', firstPeriod: '2030-06', overageRateCentsPerHour: 15000 })).id;
    created(await manager.post(`/accounts/${current}/packages`, { minutes: 120, priceCents: 30000 }));
    // The same facts as an account written before issue 15 stored them: v1 names, no kind, no price.
    const store = api.app.get<EventStore>(EVENT_STORE);
    const [opened, credited, purchased] = await storedEvents(store, `account-${current}`).then((events) => [
      events.find((e) => e.type === 'hourbank.account.opened.v2')!, events.find((e) => e.type === 'hourbank.account.monthly-plan-credited.v1')!,
      events.find((e) => e.type === 'hourbank.account.package-purchased.v2')!,
    ]);
    legacy = `legacy-${randomUUID().slice(0, 8)}`;
    const { kind: _kind, firstResponseBusinessMinutes: _target, ...openedV1 } = opened!.data as Record<string, unknown>;
    const { priceCents: _price, ...purchasedV1 } = purchased!.data as Record<string, unknown>;
    await store.append(`account-${legacy}`, [
      asV1(opened!, legacy, { ...openedV1, clientName: 'Conta Antiga' }),
      { ...asV1(credited!, legacy, credited!.data as Record<string, unknown>), type: credited!.type },
      asV1(purchased!, legacy, purchasedV1),
    ], 'no_stream');
    await settle(manager);
  });
  after(() => api?.close());

  it('stores the old account under the v1 names', async () => {
    const types = (await storedEvents(api.app.get<EventStore>(EVENT_STORE), `account-${legacy}`)).map((e) => e.type);
    expect(types).to.deep.equal(['hourbank.account.opened.v1', 'hourbank.account.monthly-plan-credited.v1', 'hourbank.account.package-purchased.v1']);
  });

  it('reads the v1 account as a plan contract with its balance (the balance read model)', async () => {
    const account = (await manager.get(`/accounts/${legacy}`)).body;
    expect(account).to.include({ clientName: 'Conta Antiga', kind: 'plan', balanceMinutes: 180 + 120 });
    expect(account.plan).to.include({ code: 'START' });
  });

  it("reports the v1 package without a price, the v2 one with its price (the monthly report)", async () => {
    const old = (await manager.get(`/accounts/${legacy}/reports/2030-06`)).body;
    expect(old.credits.items.map((c: { source: string; priceCents: number | null }) => [c.source, c.priceCents])).to.deep.equal([['plan', null], ['package', null]]);
    expect(old.packageSales).to.deep.equal({ count: 1, minutes: 120, revenueCents: 0, unpricedCount: 1 });
    expect((await manager.get(`/accounts/${current}/reports/2030-06`)).body.packageSales).to.deep.equal({ count: 1, minutes: 120, revenueCents: 30000, unpricedCount: 0 });
  });

  it('credits the v1 account its plan when the next period starts (the deadlines read the v1 opening)', async () => {
    created(await manager.post('/admin/scheduler/advance', { to: '2030-07-02T12:00:00Z' }));
    const ledger = (await manager.get(`/accounts/${legacy}/ledger?limit=100`)).body.events as { type: string; data: { period?: string } }[];
    expect(ledger.filter((e) => e.type === 'MonthlyPlanCredited').map((e) => e.data.period)).to.deep.equal(['2030-06', '2030-07']);
  });

  it('publishes both versions on the feed, each under a schema of /asyncapi.json', async () => {
    const feed = (await manager.get('/feed?after=0&limit=500')).body.events as { type: string; data: Record<string, unknown> }[];
    const ofAccount = (id: string) => feed.filter((e) => e.data.accountId === id).map((e) => e.type);
    expect(ofAccount(legacy)).to.include.members(['hourbank.account.opened.v1', 'hourbank.account.package-purchased.v1']);
    expect(ofAccount(current)).to.include.members(['hourbank.account.opened.v2', 'hourbank.account.package-purchased.v2']);
    const validators = publishedValidators();
    for (const event of feed.filter((e) => [legacy, current].includes(e.data.accountId as string))) {
      const validate = validators.get(event.type)!;
      expect(validate(event), `${event.type}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
    const oldPackage = feed.find((e) => e.type === 'hourbank.account.package-purchased.v1' && e.data.accountId === legacy)!;
    expect(oldPackage.data).to.not.have.property('priceCents');
    const messages = Object.keys((await api.client.get('/asyncapi.json')).body.components.messages as Record<string, unknown>).join(' ');
    for (const type of ['opened', 'package-purchased']) for (const version of ['v1', 'v2']) expect(messages).to.include(`hourbank.account.${type}.${version}`);
  });
});
