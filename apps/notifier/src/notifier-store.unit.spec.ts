import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { FeedEvent } from './mail-templates.js';
import { NotifierStore } from './notifier-store.js';

let position = 0;
const event = (type: string, data: Record<string, unknown>, occurredAt = '2030-03-12T12:00:00Z'): FeedEvent =>
  ({ id: `e-${++position}`, type, position, recordedAt: '2026-12-02T05:00:00Z', metadata: { occurredAt }, data: { accountId: 'acc-1', ...data } });

describe("the notifier's store: what a mail may say of the account", () => {
  let dir: string;
  let store: NotifierStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-notifier-store-'));
    store = NotifierStore.open(join(dir, 'notifier.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const learn = (e: FeedEvent) => store.advance(e, e.position);
  const nameAt = (occurredAt: string) => store.context(event('hourbank.account.low-balance-alerted.v1', {}, occurredAt)).clientName;

  for (const version of ['v1', 'v2']) {
    it(`learns the client's name from account.opened.${version}`, () => {
      learn(event(`hourbank.account.opened.${version}`, { clientName: 'Padaria Start', timeZone: 'America/Sao_Paulo' }));
      expect(nameAt('2030-03-12T12:00:00Z')).to.equal('Padaria Start');
    });
  }

  it('uses the amended name from the amendment\'s period on (in the account zone), the opening name before it', () => {
    learn(event('hourbank.account.opened.v2', { clientName: 'Padaria Start', timeZone: 'America/Sao_Paulo' }));
    learn(event('hourbank.account.contract-amended.v1', { effectiveFrom: '2030-05', clientName: 'Padaria Start Ltda', reason: 'x', amendedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.account.contract-amended.v1', { effectiveFrom: '2030-07', overageRateCentsPerHour: 1, reason: 'rate only', amendedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.account.contract-amended.v1', { effectiveFrom: '2030-09', clientName: 'Padaria Nova', reason: 'y', amendedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.account.contract-amended.v1', { effectiveFrom: '2030-09', clientName: 'Padaria Nova S.A.', reason: 'the last for a period wins', amendedAt: '2030-03-13T12:00:00Z' }));
    expect(nameAt('2030-04-30T12:00:00Z')).to.equal('Padaria Start');
    // 01/05 00:30 in São Paulo is 03:30 UTC: still April at 02:59 UTC.
    expect(nameAt('2030-05-01T02:59:00Z')).to.equal('Padaria Start');
    expect(nameAt('2030-05-01T03:00:00Z')).to.equal('Padaria Start Ltda');
    expect(nameAt('2030-08-01T12:00:00Z')).to.equal('Padaria Start Ltda');
    expect(nameAt('2030-09-02T12:00:00Z')).to.equal('Padaria Nova S.A.');
  });

  it('knows the account manager a change replaces, the question an answer answers and the offer a decision is about', () => {
    learn(event('hourbank.account.manager-assigned.v1', { userId: 'u-1', name: 'Carla Gerente', assignedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.ticket.pending-question-recorded.v1', { ticketId: 't-1', questionId: 'q-1', question: 'Por quê?', recordedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.ticket.project-offer-recorded.v1', { ticketId: 't-1', expectedMinutes: 2400, priceCents: 1200000, recordedAt: '2030-03-12T12:00:00Z' }));
    learn(event('hourbank.ticket.project-offer-recorded.v1', { ticketId: 't-1', expectedMinutes: 1800, priceCents: 900000, recordedAt: '2030-03-13T12:00:00Z' }));
    const context = store.context(event('hourbank.ticket.pending-question-answered.v1', { ticketId: 't-1', questionId: 'q-1', answer: 'Porque sim.' }));
    expect(context).to.include({ accountManagerName: 'Carla Gerente', question: 'Por quê?' });
    expect(context.projectOffer).to.deep.equal({ expectedMinutes: 1800, priceCents: 900000 });
    learn(event('hourbank.account.manager-removed.v1', { userId: 'u-1', removedAt: '2030-03-14T12:00:00Z' }));
    expect(store.context(event('hourbank.account.low-balance-alerted.v1', {}))).to.not.have.property('accountManagerName');
  });
});
