export * from './en.js';
export * from './lang.js';
export * from './nb.js';
export * from './sv.js';
export * from './types.js';
