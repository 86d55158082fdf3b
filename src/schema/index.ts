export * from './documents.js';
export { exportSchemas } from './export.js';
