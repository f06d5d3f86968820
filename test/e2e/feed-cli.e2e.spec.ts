import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
