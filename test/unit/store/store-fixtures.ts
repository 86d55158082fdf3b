// Moved to test/helpers/ (the store contract suite uses them for every driver); kept for old imports.
export * from '../../helpers/store-fixtures.js';
