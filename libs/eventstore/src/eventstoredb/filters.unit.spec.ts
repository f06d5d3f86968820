import { expect } from 'chai';
import { EVENT_TYPE, STREAM_NAME, type RegexFilter } from '@eventstore/db-client';
import { escapeRegex, isSystemEvent, matchesFilter, serverFilter } from './filters.js';

const regexOf = (filter: ReturnType<typeof serverFilter>) => new RegExp((filter as RegexFilter).regex);

describe('EventStoreDB subscription filters', () => {
  it('filters on stream names by category, server-side', () => {
    const filter = serverFilter({ streamCategories: ['account', 'ticket'], eventTypes: ['x.v1'] });
    expect(filter.filterOn).to.equal(STREAM_NAME);
    const regex = regexOf(filter);
    expect(['account-1', 'ticket-a-b', 'account'].every((s) => regex.test(s))).to.equal(true);
    expect(['accounts-1', 'xaccount-1', '$ce-account'].some((s) => regex.test(s))).to.equal(false);
  });
  it('filters on exact event types when no category is asked for', () => {
    const filter = serverFilter({ eventTypes: ['hourbank.ticket.opened.v1'] });
    expect(filter.filterOn).to.equal(EVENT_TYPE);
    const regex = regexOf(filter);
    expect(regex.test('hourbank.ticket.opened.v1')).to.equal(true);
    expect(regex.test('hourbank.ticket.opened.v10')).to.equal(false);
    expect(regex.test('hourbankXticketXopenedXv1')).to.equal(false);
  });
  it('excludes system event types when there is no filter', () => {
    for (const filter of [serverFilter(undefined), serverFilter({ streamCategories: [], eventTypes: [] })]) {
      expect(filter.filterOn).to.equal(EVENT_TYPE);
      expect(regexOf(filter).test('$metadata')).to.equal(false);
      expect(regexOf(filter).test('hourbank.account.opened.v1')).to.equal(true);
    }
  });
  it('escapes regex characters in names', () => expect(escapeRegex('a.b+c(d)-e')).to.equal('a\\.b\\+c\\(d\\)\\-e'));
  it('checks category and type together on the client', () => {
    const filter = { streamCategories: ['ticket'], eventTypes: ['t.opened.v1'] };
    expect(matchesFilter({ stream: 'ticket-1', type: 't.opened.v1' }, filter)).to.equal(true);
    expect(matchesFilter({ stream: 'ticket-1', type: 't.closed.v1' }, filter)).to.equal(false);
    expect(matchesFilter({ stream: 'account-1', type: 't.opened.v1' }, filter)).to.equal(false);
    expect(matchesFilter({ stream: 'account-1', type: 'anything' }, undefined)).to.equal(true);
  });
  it('never lets system streams or types through', () => {
    expect(isSystemEvent({ stream: '$settings', type: 'x' })).to.equal(true);
    expect(isSystemEvent({ stream: 'account-1', type: '$>' })).to.equal(true);
    expect(matchesFilter({ stream: '$$account-1', type: '$metadata' }, undefined)).to.equal(false);
  });
});
