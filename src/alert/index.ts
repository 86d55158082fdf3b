export * from './webhook.js';
export * from './alert-run.js';
