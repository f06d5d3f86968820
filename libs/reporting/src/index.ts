export * from './domain/index.js';
export * from './renderers/index.js';
