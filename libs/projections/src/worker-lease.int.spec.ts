import { expect } from 'chai';
import type { Db } from './projection.js';
import { readModelDb } from './spec-fixtures.js';
import { existsSync } from 'node:fs';
import { WorkerLease, WorkerLeaseHeldError, processIsAlive, type WorkerLeaseOptions } from './worker-lease.js';

describe('WorkerLease', () => {
  let db: Db;
  let now: number;
  const leases: WorkerLease[] = [];
  const alive = new Set([101, 202]);
  const lease = (options: Partial<WorkerLeaseOptions> = {}) => {
    const made = new WorkerLease(db, { role: 'worker', ttlMs: 15_000, now: () => now, host: 'h1', isAlive: (pid) => alive.has(pid), ...options });
    leases.push(made);
    return made;
  };

  beforeEach(() => {
    db = readModelDb();
    now = 1_000_000;
  });
  afterEach(() => {
    leases.splice(0).forEach((l) => l.release());
    db.close();
  });

  it('refuses a second process while the first holds the lease, naming the holder', () => {
    lease({ pid: 101, role: 'api' }).acquire();
    const error = (() => {
      try {
        lease({ pid: 202 }).acquire();
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(WorkerLeaseHeldError);
    expect((error as WorkerLeaseHeldError).holder).to.include({ role: 'api', pid: 101, host: 'h1' });
    expect((error as Error).message).to.match(/api \(pid 101 on h1/);
  });

  it('lets the holder take it again, and the next process once it is released', () => {
    const first = lease({ pid: 101 });
    first.acquire();
    first.acquire();
    first.release();
    lease({ pid: 202 }).acquire();
    expect(first.renew()).to.equal(false);
  });

  it('is taken over once it expired, and the old holder learns it lost it on its next renewal', () => {
    const lost: unknown[] = [];
    const first = lease({ pid: 101, onLost: (holder) => lost.push(holder?.pid) });
    first.acquire();
    now += 10_000;
    expect(first.renew()).to.equal(true);
    now += 14_999;
    expect(() => lease({ pid: 202 }).acquire()).to.throw(WorkerLeaseHeldError);
    now += 1;
    lease({ pid: 202, role: 'cli rebuild' }).acquire();
    expect(first.renew()).to.equal(false);
    expect(lost).to.deep.equal([202]);
  });

  it('is taken over at once from a dead process of this host, or from this very pid (a restarted container)', () => {
    lease({ pid: 303 }).acquire();
    lease({ pid: 101 }).acquire();
    expect(lease({ pid: 101 }).current()).to.include({ pid: 101 });
    lease({ pid: 101 }).acquire();
  });

  it('is not taken from a process of another host before it expires, alive or not', () => {
    lease({ pid: 303, host: 'h2' }).acquire();
    expect(() => lease({ pid: 101 }).acquire()).to.throw(WorkerLeaseHeldError);
  });

  describe('acquireWithin', () => {
    const slept: number[] = [];
    const sleepFor = (others?: () => void) => async (ms: number) => {
      slept.push(ms);
      now += ms;
      others?.();
    };
    beforeEach(() => (slept.length = 0));

    it('waits out a lease from another host that is no longer renewed, then takes it', async () => {
      lease({ pid: 303, host: 'h2' }).acquire();
      await lease({ pid: 101 }).acquireWithin(16_000, sleepFor());
      expect(lease({ pid: 101 }).current()).to.include({ pid: 101, host: 'h1' });
      expect(slept.reduce((sum, ms) => sum + ms, 0)).to.equal(15_000);
    });

    it('gives up as soon as the holder is seen renewing', async () => {
      const holder = lease({ pid: 303, host: 'h2' });
      holder.acquire();
      const error = await lease({ pid: 101 }).acquireWithin(16_000, sleepFor(() => holder.renew())).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(WorkerLeaseHeldError);
      expect(slept).to.have.length(1);
    });

    it('refuses at once with no time to wait', async () => {
      lease({ pid: 303, host: 'h2' }).acquire();
      const error = await lease({ pid: 101 }).acquireWithin(0, sleepFor()).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(WorkerLeaseHeldError);
      expect(slept).to.deep.equal([]);
    });
  });
});

describe('processIsAlive', () => {
  it('says a running process is alive, a zombie and a reaped one are not', async function () {
    if (process.platform !== 'linux') this.skip();
    const { spawn } = await import('node:child_process');
    const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      expect(processIsAlive(pid)).to.equal(true);
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && processIsAlive(pid); i++) await new Promise((r) => setTimeout(r, 10));
      expect(processIsAlive(pid), 'a zombie').to.equal(false);
      parent.kill('SIGKILL');
      await new Promise((resolve) => parent.once('exit', resolve));
      for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 10));
      expect(processIsAlive(pid), 'reaped').to.equal(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
