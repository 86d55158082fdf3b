export * from './schema.js';
export * from './timeline.js';
export * from './bundle.js';
