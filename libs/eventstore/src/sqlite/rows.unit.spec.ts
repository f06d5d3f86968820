import { expect } from 'chai';
import { UndecodableEventError } from '../errors.js';
import { toRecordedEvent } from './rows.js';
import type { EventRow } from './schema.js';

describe('toRecordedEvent', () => {
  const metadata = { actor: 'user-1', correlationId: 'c-1', occurredAt: '2025-03-01T10:00:00Z' };
  const row: EventRow = [7, 'e-7', 'ticket-1', 2, 'hourbank.ticket.noted.v1', '{"n":1}', JSON.stringify(metadata), '2025-03-01T10:00:01.000Z'];

  it('gives the envelope with data and metadata parsed, the metadata once', () => {
    const event = toRecordedEvent(row);
    expect(event).to.include({ position: 7, id: 'e-7', stream: 'ticket-1', revision: 2, type: 'hourbank.ticket.noted.v1' });
    expect(event.data).to.deep.equal({ n: 1 });
    expect(event.metadata).to.deep.equal(metadata);
    expect(event.metadata).to.equal(event.metadata);
  });

  it('serialises to JSON with its metadata, as a plain event would', () => {
    const event = toRecordedEvent(row);
    const plain = { position: 7, id: 'e-7', stream: 'ticket-1', revision: 2, type: 'hourbank.ticket.noted.v1', data: { n: 1 }, metadata, recordedAt: row[7] };
    expect(JSON.parse(JSON.stringify(event))).to.deep.equal(plain);
  });

  it('fails on metadata that is not JSON when it is read, not before', () => {
    const event = toRecordedEvent([...row.slice(0, 6), '{broken', row[7]] as EventRow);
    expect(event.data).to.deep.equal({ n: 1 });
    expect(() => event.metadata).to.throw(UndecodableEventError, /metadata is not JSON/);
  });

  it('hands over a row whose data is not JSON with its envelope, failing only when its data is read', () => {
    const event = toRecordedEvent([...row.slice(0, 5), 'not json', ...row.slice(6)] as EventRow);
    expect(event).to.include({ position: 7, id: 'e-7', stream: 'ticket-1', revision: 2 });
    expect(() => event.data).to.throw(UndecodableEventError, /data is not JSON/);
  });
});
