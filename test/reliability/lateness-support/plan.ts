import fc from 'fast-check';

/** One step of a random account history: the clock moves on by `gapMinutes`, then someone acts. */
export interface Step {
  readonly gapMinutes: number;
  /** Which action (see `actionOf`), which ticket among the candidates, and how much. */
  readonly kind: number;
  readonly pick: number;
  readonly amount: number;
}

/** An account to play: far in the past, a large balance whose old lots expire; recent, a small one (approvals, shortfalls). */
export interface Profile {
  readonly plan: 'START' | 'BASIC';
  readonly firstPeriod: string;
  /**
   * A fixed-term contract (issue 15): opened with this last period, renewed at step `renewAt` until `renewTo`, then
   * given notice at step `noticeAt` to end after `noticeLastPeriod` (the steps' random instants decide when).
   */
  readonly term?: { readonly lastPeriod: string; readonly renewAt: number; readonly renewTo: string; readonly noticeAt: number; readonly noticeLastPeriod: string };
}

export const profiles: readonly Profile[] = [
  { plan: 'BASIC', firstPeriod: '2026-03' },
  { plan: 'START', firstPeriod: '2026-11' },
  { plan: 'START', firstPeriod: '2026-12' },
  { plan: 'START', firstPeriod: '2027-01' },
  { plan: 'START', firstPeriod: '2026-12', term: { lastPeriod: '2027-01', renewAt: 6, renewTo: '2027-04', noticeAt: 22, noticeLastPeriod: '2027-03' } },
];

export interface History extends Profile {
  readonly steps: readonly Step[];
  /** Gaps between the late scheduler's wake-ups, minutes to 40 days. */
  readonly wakeGapsMinutes: readonly number[];
  /** The calendar month (0-based from the start) during which the late scheduler never wakes. */
  readonly monthDown: number;
}

const DAY = 24 * 60;

/** A uniform fraction in [0, 1) (fast-check's doubles lean toward the ends, which would pick few actions). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 9_999 })).map((n) => n / 10_000);

export const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  gapMinutes: fc.noBias(fc.integer({ min: 30, max: 6 * DAY })),
  kind: fraction,
  pick: fraction,
  amount: fraction,
});

export const historyArbitrary = (profile: Profile, steps: number): fc.Arbitrary<History> =>
  fc.record({
    plan: fc.constant(profile.plan),
    firstPeriod: fc.constant(profile.firstPeriod),
    ...(profile.term && { term: fc.constant(profile.term) }),
    steps: fc.array(stepArbitrary, { minLength: steps, maxLength: steps }),
    wakeGapsMinutes: fc.array(fc.oneof(fc.noBias(fc.integer({ min: 5, max: 2 * DAY })), fc.noBias(fc.integer({ min: 2 * DAY, max: 40 * DAY }))), {
      minLength: 80, maxLength: 80,
    }),
    monthDown: fc.integer({ min: 0, max: 3 }),
  });

export type Action =
  | 'open' | 'estimate' | 'decide' | 'log' | 'deliver' | 'answer' | 'cancel' | 'package' | 'adjust' | 'changePlan';

const thresholds: readonly [number, Action][] = [
  [0.14, 'open'], [0.32, 'estimate'], [0.42, 'decide'], [0.62, 'log'], [0.74, 'deliver'], [0.84, 'answer'],
  [0.87, 'cancel'], [0.92, 'package'], [0.97, 'adjust'], [1, 'changePlan'],
];

export const actionOf = (kind: number): Action => thresholds.find(([upTo]) => kind < upTo)![1];

/** The ticket statuses an action applies to (none: it acts on the account). */
export const targets: Partial<Record<Action, readonly string[]>> = {
  estimate: ['open', 'rejected', 'inProgress'],
  decide: ['awaitingApproval'],
  log: ['inProgress', 'delivered'],
  deliver: ['inProgress'],
  answer: ['delivered'],
  cancel: ['open', 'awaitingApproval', 'rejected', 'inProgress', 'delivered', 'awaitingClarification'],
};
