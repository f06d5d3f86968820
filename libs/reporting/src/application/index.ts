export * from './account-tickets.projection.js';
export * from './report-reader.js';
export * from './negotiate.js';
export * from './report-codec.js';
