import { mobilePhone, pickRegion, postalCode, type PersonaCountry } from './locale.js';
import { inventCity, inventFirstName, inventLastName, inventStreetAddress } from './names.js';
import { generateNationalId, nationalIdCountries } from './national-id.js';
import { createRng, type Rng } from './prng.js';
import { personaSchema, type Persona } from './schema.js';

/** Options of {@link generatePersona}. */
export interface GeneratePersonaOptions {
  /** Any string; the same seed (and options) always gives the same persona. */
  seed: string;
  /** Country the persona lives in; default `SE`. */
  country?: PersonaCountry;
  /** Domain of the e-mail address; default `example.com` (reserved by RFC 2606). */
  emailDomain?: string;
}

const DEFAULT_EMAIL_DOMAIN = 'example.com';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
// No 0/O, 1/I/L: the message token may be read aloud or copied by hand from a report.
const TOKEN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
// No `%` (percent-decoding would alter it), `+` (a space in form bodies), quotes or `<>&`.
const PASSWORD_SYMBOLS = '!#*?-_~';

const MESSAGES: Record<PersonaCountry, (token: string) => string> = {
  SE: (t) => `Hej! Jag är intresserad av ert erbjudande och vill gärna bli kontaktad. Referens ${t}.`,
  NO: (t) => `Hei! Jeg er interessert i tilbudet deres og ønsker å bli kontaktet. Referanse ${t}.`,
  DK: (t) => `Hej! Jeg er interesseret i jeres tilbud og vil gerne kontaktes. Reference ${t}.`,
  FI: (t) => `Hei! Olen kiinnostunut tarjouksestanne ja toivon yhteydenottoa. Viite ${t}.`,
  DE: (t) => `Hallo! Ich interessiere mich für Ihr Angebot und bitte um Rückmeldung. Referenz ${t}.`,
  GB: (t) => `Hello! I am interested in your offer and would like to be contacted. Reference ${t}.`,
  US: (t) => `Hello! I am interested in your offer and would like to be contacted. Reference ${t}.`,
};

/**
 * Generates a synthetic canary persona: every value invented and distinctive (random tokens,
 * invented names and places, random phone digits), so that finding one in a tracker request
 * proves that the typed value leaked. Deterministic: the same options give the same persona.
 *
 * Each field draws from its own generator (seed + field label), so a change to how one field
 * is made does not change the others for existing seeds.
 *
 * @param options - seed, and optionally country (default `SE`) and e-mail domain.
 * @returns a persona that passes `personaSchema`.
 */
export function generatePersona(options: GeneratePersonaOptions): Persona {
  const { seed } = options;
  const country = options.country ?? 'SE';
  const domain = (options.emailDomain ?? DEFAULT_EMAIL_DOMAIN).trim().toLowerCase();
  const rngFor = (field: string): Rng => createRng(`pixel-audit/persona\u0000${seed}\u0000${field}`);

  const gender = rngFor('gender').pick(['female', 'male'] as const);
  const nameRng = rngFor('name');
  const firstName = inventFirstName(nameRng, gender);
  const lastName = inventLastName(nameRng);
  const dateOfBirth = randomDateOfBirth(rngFor('dateOfBirth'));

  const idRng = rngFor('nationalIds');
  const nationalIds: Record<string, string> = {};
  for (const idCountry of nationalIdCountries) {
    // A fixed reference year keeps the output clock-independent; births 1950–2000 are all
    // under 100 then anyway.
    nationalIds[idCountry] = generateNationalId(idCountry, dateOfBirth, gender, idRng, { referenceYear: 2025 });
  }

  const placeRng = rngFor('address');
  const region = pickRegion(placeRng, country);
  const { phone, phoneE164 } = mobilePhone(rngFor('phone'), country, region);

  const persona: Persona = {
    seed,
    country,
    email: `${emailLocalPart(firstName, lastName, rngFor('email'))}@${domain}`,
    phone,
    phoneE164,
    firstName,
    lastName,
    gender,
    dateOfBirth,
    streetAddress: inventStreetAddress(placeRng, country),
    postalCode: postalCode(placeRng, country, region),
    city: inventCity(placeRng, country),
    region: region.name,
    nationalIds,
    password: password(rngFor('password')),
    message: MESSAGES[country](token(rngFor('message'), 10, TOKEN_ALPHABET)),
  };
  // Fail here, with the field named, rather than later when a bundle is saved or re-read.
  return personaSchema.parse(persona);
}

/**
 * `first.last.token`: lower case, letters, digits and dots only (no `+`, which some sites
 * reject and some vendors strip). The 8-character token makes every address unique.
 */
function emailLocalPart(firstName: string, lastName: string, rng: Rng): string {
  let tag: string;
  // Mixing letters and digits keeps the token from reading as a word or a number.
  do tag = token(rng, 8, LOWER_ALNUM);
  while (!/[a-z]/.test(tag) || !/\d/.test(tag));
  return [firstName, lastName, tag].map(asciiLower).join('.');
}

/** A date between 1950-01-01 and 2000-12-31: an adult, and encodable by all four id schemes. */
function randomDateOfBirth(rng: Rng): string {
  const start = Date.UTC(1950, 0, 1);
  const days = Math.round((Date.UTC(2000, 11, 31) - start) / 86_400_000);
  return new Date(start + rng.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}

/** 16 characters with at least one upper-case letter, lower-case letter, digit and symbol. */
function password(rng: Rng): string {
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnopqrstuvwxyz';
  const digitChars = '23456789';
  const all = upper + lower + digitChars + PASSWORD_SYMBOLS;
  const chars = [upper, lower, digitChars, PASSWORD_SYMBOLS].map((set) => rng.pick(set.split('')));
  while (chars.length < 16) chars.push(rng.pick(all.split('')));
  // Fisher–Yates, so the guaranteed classes are not always in the first four places.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

function token(rng: Rng, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(rng.int(0, alphabet.length - 1));
  return out;
}

/** Lower case, accents folded, anything but a–z and 0–9 dropped: safe in an e-mail local part. */
function asciiLower(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}
