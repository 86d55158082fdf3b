export * from './recorder.js';
export * from './har-link.js';
export * from './stored-state.js';
export * from './har-import.js';
