import { Temporal } from 'temporal-polyfill';
import type { Clock } from '#kernel';

export class SystemClock implements Clock {
  now(): Temporal.Instant {
    return Temporal.Now.instant();
  }
}
