export * from './attachment-store.js';
export * from './filesystem-attachment-store.js';
export * from './postgres-attachment-store.js';
export * from './s3-attachment-store.js';
export * from './open-attachment-store.js';
export * from './copy-attachments.js';
export * from './media-types.js';
