export * from './schema.js';
export * from './load.js';
export * from './match.js';
export * from './facts.js';
export * from './examples.js';
export * from './table.js';
