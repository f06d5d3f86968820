import { expect } from 'chai';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { NewEvent } from '#kernel';
import { UndecodableEventError } from '../errors.js';
import { toEventData, toRecordedEvent } from './envelope.js';

const metadata = { actor: 'user-1', correlationId: 'c-1', occurredAt: '2025-03-01T10:00:00Z' };
const created = new Date('2025-03-01T10:00:01.234Z');

function resolved(overrides: Record<string, unknown> = {}, commitPosition?: bigint): ResolvedEvent {
  const event = {
    streamId: 'ticket-7', id: 'e3f1c3a2-0000-4000-8000-000000000001', isJson: true, revision: 4n,
    type: 'hourbank.ticket.opened.v1', created, data: { minutes: 90 }, metadata,
    position: { commit: 5000n, prepare: 5000n }, ...overrides,
  };
  return { event, commitPosition } as unknown as ResolvedEvent;
}

describe('EventStoreDB envelope mapping', () => {
  it('maps a recorded event to the port envelope', () => {
    expect(toRecordedEvent(resolved())).to.deep.equal({
      id: 'e3f1c3a2-0000-4000-8000-000000000001', type: 'hourbank.ticket.opened.v1', data: { minutes: 90 }, metadata,
      stream: 'ticket-7', revision: 4, position: 5000, recordedAt: '2025-03-01T10:00:01.234Z',
    });
  });
  it('takes the commit position of the resolved event when the record has none', () => {
    expect(toRecordedEvent(resolved({ position: undefined }, 7777n))?.position).to.equal(7777);
  });
  it('refuses an event without a usable position, naming the server version needed', () => {
    expect(() => toRecordedEvent(resolved({ position: undefined }))).to.throw(/22\.6/);
    const placeholder = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => toRecordedEvent(resolved({ position: placeholder }))).to.throw(/22\.6/);
  });
  it('refuses a revision beyond Number.MAX_SAFE_INTEGER', () => {
    expect(() => toRecordedEvent(resolved({ revision: 2n ** 53n }))).to.throw(RangeError);
  });
  it('skips system events and bare links', () => {
    expect(toRecordedEvent(resolved({ type: '$metadata', streamId: '$$ticket-7' }))).to.equal(undefined);
    expect(toRecordedEvent(resolved({ type: '$>' }))).to.equal(undefined);
    expect(toRecordedEvent({ commitPosition: 1n } as AllStreamResolvedEvent)).to.equal(undefined);
  });
  it('hands over a binary event with its envelope, its data and metadata throwing when read (a per-event failure)', () => {
    const event = toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) }))!;
    expect(event).to.include({ id: 'e3f1c3a2-0000-4000-8000-000000000001', stream: 'ticket-7', revision: 4, position: 5000 });
    expect(() => event.data).to.throw(UndecodableEventError, /not application\/json/);
    expect(() => event.metadata).to.throw(UndecodableEventError);
  });
  it('treats malformed JSON data (handed back as a string) and non-JSON metadata the same way', () => {
    expect(() => toRecordedEvent(resolved({ data: '{"minutes": 9' }))!.data).to.throw(/malformed JSON/);
    expect(() => toRecordedEvent(resolved({ metadata: new Uint8Array([0xff]) }))!.metadata).to.throw(/metadata is not JSON/);
  });
  it('writes JSON event data with the id, type, data and metadata of the new event', () => {
    const event: NewEvent = { id: 'id-1', type: 'hourbank.account.opened.v1', data: { a: 1 }, metadata };
    expect(toEventData(event)).to.deep.equal({
      id: 'id-1', contentType: 'application/json', type: 'hourbank.account.opened.v1', data: { a: 1 }, metadata,
    });
    expect(toEventData({ ...event, data: undefined }).data).to.equal(null);
  });
});
