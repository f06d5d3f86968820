import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../e2e/support/harness.js';
import type { HttpClient } from '../e2e/support/http-client.js';

interface Consumer {
  name: string;
  kind: string;
  state: string;
  position: number | null;
  lag: number;
  parked: { position: number; error: string; eventType: string } | null;
}

const consumers = async (reader: HttpClient): Promise<Record<string, Consumer>> => {
  const result = await reader.get('/admin/projections');
  expect(result.status, result.text).to.equal(200);
  return Object.fromEntries((result.body.consumers as Consumer[]).map((c) => [c.name, c]));
};

describe('projection administration over HTTP', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let manager: HttpClient;
  let poisonPosition: number;

  before(async () => {
    api = await ApiHarness.start();
    manager = await api.as('manager');
    await manager.post('/accounts', { clientName: 'Acme', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 15000 });
    const store = api.app.get<EventStore>(EVENT_STORE);
    const metadata = { actor: 'spec', correlationId: 'poison', occurredAt: '2026-01-01T00:00:00Z' };
    poisonPosition = (await store.append('account-broken', [{ id: 'poison-1', type: 'hourbank.account.opened.v1', data: {}, metadata }], 'no_stream')).position;
    await manager.post('/accounts', { clientName: 'Depois', plan: 'BASIC', firstPeriod: '2026-01', overageRateCentsPerHour: 15000 });
    await api.app.get(WorkerRuntime).settle();
  });

  after(() => api?.close());

  it('shows every projection and reactor to a manager and an auditor, not to an agent', async () => {
    const seen = await consumers(await api.as('auditor'));
    expect(Object.keys(seen)).to.include.members(['account-balance', 'sla-timers', 'ticket-list', 'deadlines', 'ticket-account', 'account-snapshots']);
    expect((await (await api.as('agent')).get('/admin/projections')).status).to.equal(403);
  });

  it('parks the poison event with its error and stops there, the later account waiting as lag', async () => {
    const balance = (await consumers(manager))['account-balance']!;
    expect(balance.state).to.equal('parked');
    expect(balance.parked).to.include({ position: poisonPosition, eventType: 'hourbank.account.opened.v1' });
    expect(balance.parked!.error).to.match(/NOT NULL/);
    expect(balance.lag).to.be.above(0);
    expect((await consumers(manager))['ticket-list']!.state).to.equal('live');
  });

  it('refuses to skip another position, then skips the parked one and catches up', async () => {
    const wrong = await manager.post('/admin/projections/account-balance/skip', { position: poisonPosition + 1, reason: 'Evento de teste' });
    expect([wrong.status, wrong.body.code]).to.deep.equal([422, 'PARKED_EVENT_IS_AT_ANOTHER_POSITION']);
    const skipped = await manager.post('/admin/projections/account-balance/skip', { position: poisonPosition, reason: 'Evento de teste' });
    expect(skipped.status, skipped.text).to.equal(200);
    await api.app.get(WorkerRuntime).settle();
    const balance = (await consumers(manager))['account-balance']!;
    expect([balance.state, balance.lag, balance.parked]).to.deep.equal(['live', 0, null]);
    expect((await manager.get('/balances')).body.total).to.equal(2);
  });

  it('answers a retry of a projection that is not parked with 422, an unknown name with 404', async () => {
    const retry = await manager.post('/admin/projections/ticket-list/retry');
    expect([retry.status, retry.body.code]).to.deep.equal([422, 'PROJECTION_IS_NOT_PARKED']);
    expect((await manager.post('/admin/projections/nope/rebuild')).status).to.equal(404);
  });

  it('rebuilds a projection on request (manager only) to the same balances', async () => {
    const balances = async () => (await manager.get('/balances')).body.items.map(({ asOf: _asOf, ...rest }: { asOf: string }) => rest);
    const before = await balances();
    expect((await (await api.as('auditor')).post('/admin/projections/ticket-list/rebuild')).status).to.equal(403);
    const rebuilt = await manager.post('/admin/projections/ticket-list/rebuild?wait=true');
    expect(rebuilt.status, rebuilt.text).to.equal(200);
    expect(rebuilt.body).to.include({ name: 'ticket-list', state: 'live', lag: 0 });
    const deadlines = await manager.post('/admin/projections/deadlines/rebuild?wait=true');
    expect(deadlines.status, deadlines.text).to.equal(422);
    expect(await balances()).to.deep.equal(before);
  });
});
