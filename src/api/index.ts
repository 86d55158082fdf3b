export * from './scan.js';
export * from './analyze.js';
export * from './demo-sites.js';
