export * from './domain/plans/plan-terms.js';
export * from './domain/plans/plan-catalog.js';
export * from './domain/account/account-commands.js';
export * from './domain/account/account-events.js';
export type { AccountBook, AccountState, Lot, OpenedAccount, PlanPeriod } from './domain/account/account-state.js';
export { planInForce } from './domain/account/account-state.js';
export * from './domain/account/account-queries.js';
export * from './domain/account/account-decider.js';
