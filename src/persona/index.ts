export * from './schema.js';
export * from './generate.js';
export * from './national-id.js';
export { createRng, type Rng } from './prng.js';
export { personaCountries, type PersonaCountry } from './locale.js';
