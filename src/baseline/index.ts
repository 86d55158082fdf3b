export * from './schema.js';
export * from './apply.js';
export * from './update.js';
export * from './file.js';
