export * from './types.js';
export * from './migrations.js';
export * from './sqlite-store.js';
export * from './open-store.js';
export * from './record.js';
export * from './passes.js';
export * from './periods.js';
export * from './diff.js';
