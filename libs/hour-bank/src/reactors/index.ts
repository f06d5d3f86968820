export * from './account-snapshots.js';
export * from './ticket-account.reactor.js';
export * from './maintenance-tickets.reactor.js';
