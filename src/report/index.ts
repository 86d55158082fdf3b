export * from './manifest.js';
export * from './run-summary.js';
export * from './terminal.js';
export * from './verify.js';
