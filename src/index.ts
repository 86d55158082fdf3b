export * from './config/index.js';
export * from './persona/index.js';
export * from './evidence/index.js';
export * from './detect/index.js';
export * from './rules/index.js';
export * from './judge/index.js';
export * from './baseline/index.js';
export * from './report/index.js';
export * from './run/index.js';
export * from './store/index.js';
export * from './alert/index.js';
/** The library API: `scan`, `analyze`, and the demo sites for trying them offline. */
export * from './api/index.js';
