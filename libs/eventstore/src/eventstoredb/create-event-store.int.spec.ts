import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createEventStore } from '../create-event-store.js';

describe('createEventStore', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hourbank-create-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded store in the data dir when no connection string is set', async () => {
    const store = await createEventStore({ dataDir: join(dataDir, 'nested') });
    expect((await store.status()).backend).to.equal('sqlite');
    expect(existsSync(join(dataDir, 'nested', 'events.sqlite'))).to.equal(true);
    await store.close();
  });

  it('treats a blank connection string as unset', async () => {
    const store = await createEventStore({ dataDir, eventStoreConnectionString: '  ' });
    expect((await store.status()).backend).to.equal('sqlite');
    await store.close();
  });

  it('uses EventStoreDB when a connection string is set, writing nothing to the data dir', async () => {
    // Port 1 on loopback refuses at once: the backend is chosen without a server being there.
    const store = await createEventStore({ dataDir, eventStoreConnectionString: 'esdb://127.0.0.1:1?tls=false' });
    const status = await store.status();
    expect(status).to.include({ backend: 'eventstoredb', ok: false });
    expect(existsSync(join(dataDir, 'events.sqlite'))).to.equal(false);
    await store.close();
  });
});
