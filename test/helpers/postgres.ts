// The throw-away cluster lives in src/ so that `npm run bench:fleet` can start one too (a bench
// never imports from test/); the tests keep importing it from here.
export * from '../../src/bench/throwaway-postgres.js';
