export * from './recorder.js';
export * from './har-link.js';
