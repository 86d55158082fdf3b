export * from './schema.js';
export * from './stored-state.js';
export * from './timeline.js';
export * from './bundle.js';
