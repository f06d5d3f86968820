export * from './signing-key.js';
export * from './checkpoint.js';
export * from './global-chain.js';
export * from './witness-store.js';
export * from './postgres-witness-store.js';
export * from './log-notary.js';
export * from './findings.js';
export * from './verify-log.js';
