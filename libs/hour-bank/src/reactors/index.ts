export * from './account-snapshots.js';
export * from './ticket-account.reactor.js';
