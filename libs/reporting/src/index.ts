export * from './domain/index.js';
export * from './renderers/index.js';
export * from './application/index.js';
