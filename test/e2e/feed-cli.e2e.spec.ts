import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EventStoreDbModelServer } from '#testing';

const run = promisify(execFile);

describe('npm run cli -- create-persistent-subscription', () => {
  const cli = (env: Record<string, string | undefined>, ...args: string[]) =>
    run(process.execPath, ['dist/apps/cli/src/main.js', 'create-persistent-subscription', ...args], { env: { ...process.env, EVENTSTORE_CONNECTION_STRING: '', ...env } })
      .catch((error: unknown) => error as { code: number; stderr: string });

  it('fails clearly, exiting 1, without EVENTSTORE_CONNECTION_STRING', async () => {
    const result = (await cli({}, '--group', 'notifier')) as { code: number; stderr: string };
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('EVENTSTORE_CONNECTION_STRING is not set');
  });

  it('refuses a group name that is not a plain identifier', async () => {
    const result = (await cli({}, '--group', 'no spaces')) as { code: number; stderr: string };
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('--group');
  });
});

describe('npm run cli -- create-persistent-subscription on EventStoreDB (EventStoreDbModelServer, a model of the server)', () => {
  const cli = (connectionString: string, ...args: string[]) =>
    run(process.execPath, ['dist/apps/cli/src/main.js', 'create-persistent-subscription', ...args], { env: { ...process.env, EVENTSTORE_CONNECTION_STRING: connectionString } })
      .then((done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }))
      .catch((error: unknown) => error as { code: number; stdout: string; stderr: string });
  let model: EventStoreDbModelServer;
  before(async () => (model = await EventStoreDbModelServer.start()));
  after(async () => await model.stop());

  it('creates a group on $all filtered to hourbank.* event types, from the start', async () => {
    const result = await cli(model.connectionString(), '--group', 'billing');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain('Created persistent subscription group "billing"');
    expect(model.persistent.groups.get('$all::billing')).to.deep.include({ stream: '$all', eventTypePrefixes: ['hourbank.'], from: 'start' });
  });

  it('exits 1, saying so, when the group exists', async () => {
    const result = await cli(model.connectionString(), '--group', 'billing', '--from', 'end');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/billing.*exists/i);
  });
});
