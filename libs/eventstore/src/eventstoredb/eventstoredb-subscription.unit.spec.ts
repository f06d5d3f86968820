import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import type { AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '#kernel';
import { EventStoreDbSubscription } from './eventstoredb-subscription.js';

const metadata = { actor: 'user-1', correlationId: 'c-1', occurredAt: '2025-03-01T10:00:00Z' };
const resolved = (id: string, stream: string, type: string, position: bigint) => ({
  event: { streamId: stream, id, isJson: true, revision: 0n, type, created: new Date(0), data: {}, metadata, position: { commit: position, prepare: position } },
});

/** The client's subscription is a readable of resolved events with `unsubscribe()`; this one is fed by hand. */
function source() {
  const stream = new PassThrough({ objectMode: true }) as PassThrough & { unsubscribe(): Promise<void>; unsubscribed: boolean };
  stream.unsubscribed = false;
  stream.unsubscribe = async () => void (stream.unsubscribed = true);
  return stream;
}

describe('EventStoreDbSubscription', () => {
  it('delivers after the checkpoint only, and only what the filter and the system-name rule let through', async () => {
    const feed = source();
    const subscription = new EventStoreDbSubscription(feed as unknown as AllStreamSubscription, 100, { streamCategories: ['ticket'] }, () => {});
    feed.write(resolved('at-checkpoint', 'ticket-1', 't.v1', 100n));
    feed.write(resolved('system', '$settings', '$metadata', 101n));
    feed.write(resolved('other-category', 'account-1', 't.v1', 102n));
    feed.write(resolved('wanted', 'ticket-1', 't.v1', 103n));
    feed.end();
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) seen.push(event);
    expect(seen.map((e) => e.id)).to.deep.equal(['wanted']);
  });

  it('close() ends a waiting iteration without an error and unsubscribes once', async () => {
    const feed = source();
    let closedCount = 0;
    const subscription = new EventStoreDbSubscription(feed as unknown as AllStreamSubscription, undefined, undefined, () => closedCount++);
    const ended = (async () => {
      for await (const _ of subscription) void _;
      return 'ended';
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(await ended).to.equal('ended');
    expect(feed.unsubscribed).to.equal(true);
    expect(closedCount).to.equal(1);
  });

  it('passes on a failure of the feed while open', async () => {
    const feed = source();
    const subscription = new EventStoreDbSubscription(feed as unknown as AllStreamSubscription, undefined, undefined, () => {});
    setTimeout(() => feed.destroy(new Error('connection lost')), 10);
    const failure = await (async () => {
      for await (const _ of subscription) void _;
    })().catch((error: unknown) => error);
    expect(failure).to.have.property('message', 'connection lost');
  });
});
