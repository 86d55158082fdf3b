export * from './scan-run.js';
export * from './persona-for.js';
export * from './judge-bundle.js';
export * from './run-context.js';
