import { readJsonFile } from '../config/read-json-file.js';
import { generatePersona, personaCountries, type PersonaCountry } from '../persona/index.js';
import { personaSchema, type Persona } from '../persona/schema.js';

const TLD_COUNTRY: Record<string, PersonaCountry> = { se: 'SE', no: 'NO', dk: 'DK', fi: 'FI', de: 'DE', uk: 'GB', us: 'US' };

/** The persona's country follows the site's country-code TLD; Sweden otherwise. */
export function countryForHost(host: string): PersonaCountry {
  const tld = host.split('.').at(-1) ?? '';
  const country = TLD_COUNTRY[tld];
  return country && (personaCountries as readonly string[]).includes(country) ? country : 'SE';
}

/** A persona per site and run: the e-mail differs per site, and the seed reproduces it. */
export function personaForSite(runSeed: string, host: string): Persona {
  return generatePersona({ seed: `${runSeed}:${host}`, country: countryForHost(host) });
}

/** Reads `--persona file`; a wrong field is a one-line UsageError naming it. */
export async function readPersonaFile(path: string): Promise<Persona> {
  return readJsonFile(path, personaSchema, { label: `--persona ${path}`, source: path });
}
