import { expect } from 'chai';
import { defaultCalendar } from '#calendar';
import { type AccountFacts, accountDeadlineKinds, accountDeadlines, replaced } from './account-deadlines.js';

const calendarOf = () => defaultCalendar('sp');
const cause = { id: 'e-1', correlationId: 'c-1' };
const facts: AccountFacts = { accountId: 'acme', timeZone: 'America/Sao_Paulo', calendarId: 'sp' };
const key = '3:contract-end:acme:end';

describe("account deadlines: the contract's end", () => {
  it('is due at the first instant after the last period, set by a notice or a fixed term and moved by a renewal', () => {
    const scheduled = accountDeadlines({ type: 'ContractEndScheduled', data: { lastPeriod: '2030-07', reason: 'x', scheduledAt: '2030-06-04T12:00:00Z' } }, facts, calendarOf, cause);
    expect(scheduled).to.deep.equal([{ upsert: { key, kind: accountDeadlineKinds.contractEnd, dueAt: '2030-08-01T03:00:00Z', payload: { accountId: 'acme', period: '2030-07', cause } } }]);
    const renewed = accountDeadlines({ type: 'ContractRenewed', data: { previousLastPeriod: '2030-07', lastPeriod: '2030-12', renewedAt: '2030-07-04T12:00:00Z' } }, facts, calendarOf, cause);
    expect(renewed[0]).to.have.nested.property('upsert.dueAt', '2031-01-01T03:00:00Z');
  });

  it('is removed by a withdrawal and by the end itself', () => {
    expect(accountDeadlines({ type: 'ContractEndWithdrawn', data: { lastPeriod: '2030-07', withdrawnAt: '2030-06-05T12:00:00Z' } }, facts, calendarOf, cause)).to.deep.equal([{ cancel: key }]);
    expect(accountDeadlines({ type: 'ContractEnded', data: { lastPeriod: '2030-07', reason: 'x', endedAt: '2030-08-01T03:00:00Z' } }, facts, calendarOf, cause)).to.deep.equal([{ cancel: key }]);
  });

  it('moves with an amendment of the zone from the period after the last (Lisbon: 00:00Z)', () => {
    const lisbon: AccountFacts = { ...facts, amendments: [{ from: '2030-08', timeZone: 'Europe/Lisbon' }] };
    const [again] = replaced(lisbon, accountDeadlineKinds.contractEnd, { accountId: 'acme', period: '2030-07', cause }, calendarOf);
    expect(again).to.have.nested.property('upsert.dueAt', '2030-07-31T23:00:00Z');
  });
});
