export * from './schema.js';
export * from './claims.js';
export * from './table-mirror.js';
export * from './pg-parking.js';
export * from './pg-due-items.js';
export * from './mirrored-projection-runner.js';
export * from './partitioned-reactor.js';
