export * from './account-deadlines.js';
export * from './memoised-periods.js';
export * from './deadline-facts.store.js';
export * from './deadlines.projection.js';
export * from './deadline-dispatch.js';
