export * from './party.js';
export * from './intercepted.js';
