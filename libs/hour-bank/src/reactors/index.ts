export * from './account-deadlines.js';
export * from './account-snapshots.js';
export * from './ticket-account.reactor.js';
