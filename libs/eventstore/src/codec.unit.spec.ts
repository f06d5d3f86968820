import { expect } from 'chai';
import type { RecordedEvent } from '#kernel';
import { EventCodec, deterministicEventId } from './codec.js';

const metadata = { actor: 'user-1', correlationId: 'c-1', occurredAt: '2025-01-02T03:04:05Z' };
const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: 'e-1', type, data, metadata, stream: 'ticket-1', revision: 0, position: 1, recordedAt: '2025-01-02T03:04:05Z',
});

describe('EventCodec', () => {
  const codec = new EventCodec(
    { TicketOpened: 'hourbank.ticket.opened.v2', TicketClosed: 'hourbank.ticket.closed.v1' },
    [{ from: 'hourbank.ticket.opened.v1', to: 'hourbank.ticket.opened.v2', upcast: (d) => ({ ...(d as object), priority: 'normal' }) }],
  );

  it('encodes a domain event under its stored versioned name', () => {
    const event = codec.encode({ type: 'TicketClosed', data: { at: 'x' } }, { id: 'id-1', metadata });
    expect(event).to.deep.equal({ id: 'id-1', type: 'hourbank.ticket.closed.v1', data: { at: 'x' }, metadata });
  });

  it('decodes a stored event back to its domain type', () => {
    expect(codec.decode(recorded('hourbank.ticket.closed.v1', { at: 'x' }))).to.deep.equal({ type: 'TicketClosed', data: { at: 'x' } });
  });

  it('upcasts an old stored name to the current domain event', () => {
    const event = codec.decode(recorded('hourbank.ticket.opened.v1', { title: 'a' }));
    expect(event).to.deep.equal({ type: 'TicketOpened', data: { title: 'a', priority: 'normal' } });
    expect(codec.knows('hourbank.ticket.opened.v1')).to.equal(true);
  });

  it('refuses an unknown stored type with UNKNOWN_EVENT_TYPE', () => {
    expect(codec.knows('hourbank.other.v1')).to.equal(false);
    expect(() => codec.decode(recorded('hourbank.other.v1', {}))).to.throw().with.property('code', 'UNKNOWN_EVENT_TYPE');
  });

  it('refuses an unknown domain type', () => {
    expect(() => codec.storedType('Nope')).to.throw(/Nope/);
  });

  it('merges codecs and refuses conflicting names', () => {
    const merged = EventCodec.merge(codec, new EventCodec({ AccountOpened: 'hourbank.account.opened.v1' }));
    expect(merged.storedType('AccountOpened')).to.equal('hourbank.account.opened.v1');
    expect(merged.knows('hourbank.ticket.opened.v1')).to.equal(true);
    expect(() => EventCodec.merge(codec, new EventCodec({ TicketClosed: 'other.v1' }))).to.throw(/Conflicting/);
  });
});

describe('deterministicEventId', () => {
  it('gives the same UUID for the same command and index, a different one otherwise', () => {
    const id = deterministicEventId('cmd-1', 0);
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('cmd-1', 0)).to.equal(id);
    expect(deterministicEventId('cmd-1', 1)).to.not.equal(id);
    expect(deterministicEventId('cmd-2', 0)).to.not.equal(id);
  });
});
