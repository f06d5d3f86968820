import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from './projection.js';

/** Who holds the lease, as the table shows it. */
export interface LeaseHolder {
  readonly holder: string;
  readonly role: string;
  readonly pid: number;
  readonly host: string;
  readonly renewedAt: number;
  readonly expiresAt: number;
}

export class WorkerLeaseHeldError extends Error {
  readonly code = 'WORKER_LEASE_HELD';
  constructor(readonly holder: LeaseHolder) {
    super(
      `Another process writes these read models: ${holder.role} (pid ${holder.pid} on ${holder.host}, lease renewed ` +
        `${new Date(holder.renewedAt).toISOString()}, valid until ${new Date(holder.expiresAt).toISOString()}). Stop it, or ` +
        'start this one with HOURBANK_WORKER=off (an API that only reads); rebuild a running system with ' +
        'POST /admin/projections/:name/rebuild.',
    );
  }
}

export interface WorkerLeaseOptions {
  /** What the holder is, shown to whoever is refused (e.g. "api", "worker", "cli rebuild"). */
  readonly role: string;
  /** How long a lease lasts without renewal (default 15 s); it is renewed every third of that. */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; a lease is about processes, so it runs on the system clock, not the business one. */
  readonly now?: () => number;
  readonly pid?: number;
  readonly host?: string;
  /** Whether a process of this host is alive (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean;
  /** Called when a renewal finds the lease taken by another process. */
  readonly onLost?: (holder: LeaseHolder | undefined) => void;
}

/** A process's state letter from /proc (Linux); undefined where there is no /proc. */
const procState = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2];
  } catch {
    return undefined;
  }
};

/**
 * Signal 0 says a pid exists, which a killed process still does as a zombie until its parent reaps it (a shell
 * that exec'd, a container whose pid 1 is no init): a zombie (Z) or dead (X) process holds nothing.
 */
export const processIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const state = procState(pid);
  return state !== 'Z' && state !== 'X';
};

/**
 * One process at a time writes a read-model database: projections applied twice would count twice. The lease is
 * a row in that database (`worker_lease`, created with the bookkeeping tables by `openReadModelDatabase`), taken in a write transaction and renewed while the process runs; a lease that expired,
 * or whose holder on this host is gone (or has this very pid: a restarted container), is taken over at once.
 */
export class WorkerLease {
  private readonly token = randomUUID();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly pid: number;
  private readonly host: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: WorkerLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.pid = options.pid ?? process.pid;
    this.host = options.host ?? hostname();
  }

  /** Takes the lease (throwing WorkerLeaseHeldError while another live process holds it) and keeps renewing it. */
  acquire(): void {
    this.db.transaction(() => {
      const current = this.current();
      if (current && current.holder !== this.token && !this.stale(current)) throw new WorkerLeaseHeldError(current);
      this.write();
    }).immediate();
    this.timer ??= setInterval(() => this.renewQuietly(), Math.max(1, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /**
   * `acquire`, waiting up to `waitMs` for a lease that may be stale: a holder on another host that died (a
   * container recreated after a crash) cannot be checked, only seen not to renew. A holder that renews meanwhile
   * is alive, and the WorkerLeaseHeldError comes at once.
   */
  async acquireWithin(
    waitMs: number,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    onWait: (holder: LeaseHolder) => void = () => undefined,
  ): Promise<void> {
    const until = this.now() + waitMs;
    let seen: LeaseHolder | undefined;
    for (;;) {
      try {
        this.acquire();
        return;
      } catch (error) {
        if (!(error instanceof WorkerLeaseHeldError)) throw error;
        const { holder } = error;
        const renewed = seen !== undefined && (holder.holder !== seen.holder || holder.renewedAt !== seen.renewedAt);
        if (renewed || this.now() >= until) throw error;
        if (seen === undefined) onWait(holder);
        seen ??= holder;
        await sleep(Math.max(1, Math.min(holder.expiresAt - this.now(), Math.floor(this.ttlMs / 3) + 100, until - this.now())));
      }
    }
  }

  /** Extends the lease; false (and `onLost`) when another process holds it now. */
  renew(): boolean {
    const kept = this.db.transaction(() => {
      const current = this.current();
      if (current?.holder !== this.token) return false;
      this.write();
      return true;
    }).immediate();
    if (!kept) {
      this.stopRenewing();
      this.options.onLost?.(this.current());
    }
    return kept;
  }

  /** A renewal that fails (the database busy past its timeout) is retried by the next one, well before expiry. */
  private renewQuietly(): void {
    try {
      this.renew();
    } catch {
      // Retried in ttl/3; a lease lost meanwhile is reported by the renewal that finds it taken.
    }
  }

  /** Gives the lease up, if this process still holds it. */
  release(): void {
    this.stopRenewing();
    if (this.db.open) this.db.prepare('DELETE FROM worker_lease WHERE holder = ?').run(this.token);
  }

  current(): LeaseHolder | undefined {
    const row = this.db.prepare('SELECT holder, role, pid, host, renewed_at, expires_at FROM worker_lease WHERE id = 1').get() as
      | { holder: string; role: string; pid: number; host: string; renewed_at: number; expires_at: number }
      | undefined;
    return row && { holder: row.holder, role: row.role, pid: row.pid, host: row.host, renewedAt: row.renewed_at, expiresAt: row.expires_at };
  }

  private stale(holder: LeaseHolder): boolean {
    if (holder.expiresAt <= this.now()) return true;
    if (holder.host !== this.host) return false;
    return holder.pid === this.pid || !(this.options.isAlive ?? processIsAlive)(holder.pid);
  }

  private write(): void {
    const now = this.now();
    this.db
      .prepare(`INSERT INTO worker_lease (id, holder, role, pid, host, renewed_at, expires_at) VALUES (1, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, role = excluded.role, pid = excluded.pid, host = excluded.host,
          renewed_at = excluded.renewed_at, expires_at = excluded.expires_at`)
      .run(this.token, this.options.role, this.pid, this.host, now, now + this.ttlMs);
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
