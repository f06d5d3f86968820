export * from './account-balance.projection.js';
export * from './account-balance.queries.js';
