export * from './domain/index.js';
export * from './application/index.js';
export * from './projections/index.js';
export * from './reactors/index.js';
export * from './deadlines/index.js';
export * from './attachments/index.js';
