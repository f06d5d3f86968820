export * from './attachment-store.js';
export * from './filesystem-attachment-store.js';
export * from './media-types.js';
