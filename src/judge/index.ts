export * from './finding.js';
export * from './judge.js';
export * from './severity.js';
export * from './timing.js';
