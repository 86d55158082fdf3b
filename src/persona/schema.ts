import { z } from 'zod';

/**
 * A synthetic *canary* persona: the values pixel-audit types into forms. Every value is
 * invented and distinctive, so that finding it (or its hash) in a request to a third party
 * can only mean that this scan's typing reached that party. Never real personal data.
 */
export const personaSchema = z.strictObject({
  /** Seed the persona was generated from (absent when supplied with `--persona`). */
  seed: z.string().optional(),
  /** ISO 3166-1 alpha-2 country the persona lives in, upper case (e.g. `SE`). */
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter upper-case country code such as SE'),
  /** E-mail address, unique per site and run; on a reserved domain by default. */
  email: z.email(),
  /** Phone number as a person of `country` would type it (national format, e.g. `070-123 45 67`). */
  phone: z.string().min(5),
  /** The same phone number in E.164 (`+46701234567`). */
  phoneE164: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +46701234567'),
  firstName: z.string().min(2),
  lastName: z.string().min(2),
  /** `female` or `male`: what gender radio buttons and selects offer most often. */
  gender: z.enum(['female', 'male']),
  /** Date of birth, `YYYY-MM-DD`. */
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  streetAddress: z.string().min(3),
  postalCode: z.string().min(3),
  city: z.string().min(2),
  /** State, county or region (e.g. `Stockholms län`). */
  region: z.string().min(2),
  /**
   * National identity numbers with valid check digits, one per supported country, all for the
   * persona's date of birth: `SE` personnummer, `NO` fødselsnummer, `DK` CPR, `FI` HETU.
   */
  nationalIds: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().min(6)),
  password: z.string().min(8),
  /** Free text for message boxes; contains a distinctive token so a leak of it is provable. */
  message: z.string().min(10),
});

/** A persona as saved in `evidence.json` and accepted by `--persona`. */
export type Persona = z.infer<typeof personaSchema>;

/**
 * The data categories of DESIGN §4. A persona field maps to exactly one category; the
 * category is what findings and reports speak of.
 */
export const dataCategories = [
  'email', 'phone', 'first_name', 'last_name', 'full_name', 'gender', 'date_of_birth',
  'street_address', 'postal_code', 'city', 'region', 'country', 'national_id', 'password',
  'free_text',
] as const;
export type DataCategory = (typeof dataCategories)[number];
