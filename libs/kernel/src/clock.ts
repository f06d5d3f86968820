import type { Temporal } from 'temporal-polyfill';

/** The one source of "now" outside the domain; the domain receives `now` in each command. */
export interface Clock {
  now(): Temporal.Instant;
}

export const CLOCK = Symbol.for('hourbank.Clock');
