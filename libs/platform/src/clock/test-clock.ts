import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { DomainError, type Clock } from '#kernel';
import { PRIVATE_FILE_MODE } from '#eventstore';

const FILE_NAME = 'test-clock.json';

/**
 * A clock that stands still until a manager moves it forward (like Stripe's test clocks). Its instant
 * is kept in the data dir, so a restart resumes simulated time. Starts at the real time on first use.
 */
export class TestClock implements Clock {
  private current: Temporal.Instant;
  private readonly file: string;

  constructor(dataDir: string, initial: () => Temporal.Instant = () => Temporal.Now.instant()) {
    this.file = join(dataDir, FILE_NAME);
    const stored = this.read();
    this.current = stored ?? initial();
    if (!stored) this.persist();
  }

  now(): Temporal.Instant {
    return this.current;
  }

  advanceTo(instant: Temporal.Instant): Temporal.Instant {
    if (Temporal.Instant.compare(instant, this.current) < 0) {
      throw new DomainError('TEST_CLOCK_CANNOT_GO_BACKWARDS', `The test clock is at ${this.current} and cannot go back to ${instant}`, {
        now: this.current.toString(),
        requested: instant.toString(),
      });
    }
    this.current = instant;
    this.persist();
    return this.current;
  }

  private read(): Temporal.Instant | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const { now } = JSON.parse(text) as { now?: unknown };
    if (typeof now !== 'string') throw new Error(`${this.file} holds no "now" instant`);
    return Temporal.Instant.from(now);
  }

  private persist(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ now: this.current.toString() }) + '\n', { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, this.file);
  }
}
