export * from './classify-field.js';
export * from './crawl-site.js';
export * from './nav-error.js';
export * from './persona-value.js';
