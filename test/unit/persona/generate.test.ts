import { describe, expect, it } from 'vitest';
import { generatePersona } from '../../../src/persona/generate.js';
import { isValidNationalId, nationalIdCountries } from '../../../src/persona/national-id.js';
import { personaCountries } from '../../../src/persona/locale.js';
import { personaSchema } from '../../../src/persona/schema.js';

const COMMON_NAMES = new Set([
  'anna', 'maria', 'emma', 'sofia', 'ingrid', 'erik', 'lars', 'karl', 'johan', 'anders', 'ole',
  'jens', 'mikko', 'thomas', 'james', 'andersson', 'johansson', 'nilsson', 'hansen', 'jensen',
  'nielsen', 'korhonen', 'mueller', 'schmidt', 'smith', 'johnson',
]);

describe('generatePersona', () => {
  it('is deterministic: the same seed gives an identical persona', () => {
    for (const country of personaCountries) {
      expect(generatePersona({ seed: 'run-1/shop.example', country }))
        .toEqual(generatePersona({ seed: 'run-1/shop.example', country }));
    }
  });

  it('gives different e-mail local parts for different seeds', () => {
    const locals = new Set<string>();
    for (let i = 0; i < 1_000; i++) locals.add(generatePersona({ seed: `seed-${i}` }).email.split('@')[0] as string);
    expect(locals.size).toBe(1_000);
  });

  it('passes the persona schema for every country', () => {
    for (const country of personaCountries) {
      for (let i = 0; i < 50; i++) {
        const persona = generatePersona({ seed: `schema-${i}`, country });
        expect(() => personaSchema.parse(persona)).not.toThrow();
        expect(persona.country).toBe(country);
        expect(persona.seed).toBe(`schema-${i}`);
      }
    }
  });

  it('defaults to Sweden and example.com', () => {
    const persona = generatePersona({ seed: 'defaults' });
    expect(persona.country).toBe('SE');
    expect(persona.email).toMatch(/@example\.com$/);
    expect(persona.phone).toMatch(/^07\d-\d{3} \d{2} \d{2}$/);
    expect(persona.postalCode).toMatch(/^\d{3} \d{2}$/);
  });

  it('uses the given e-mail domain', () => {
    expect(generatePersona({ seed: 'd', emailDomain: 'Canary.Example.org' }).email).toMatch(/@canary\.example\.org$/);
  });

  it('makes distinctive e-mail addresses: name, name and a random token, no plus sign', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePersona({ seed: `mail-${i}` });
      const [local] = p.email.split('@') as [string];
      expect(local).toMatch(/^[a-z]+\.[a-z]+\.[a-z0-9]{8}$/);
      expect(local.startsWith(`${p.firstName.toLowerCase()}.${p.lastName.toLowerCase()}.`)).toBe(true);
      const token = local.split('.')[2] as string;
      expect(token).toMatch(/[a-z]/);
      expect(token).toMatch(/\d/);
      expect(p.email).not.toContain('+');
    }
  });

  it('invents rare names (≥ 6 letters, capitalised, not common) and towns (≥ 7 letters)', () => {
    for (const country of personaCountries) {
      for (let i = 0; i < 50; i++) {
        const p = generatePersona({ seed: `names-${i}`, country });
        for (const name of [p.firstName, p.lastName]) {
          expect(name).toMatch(/^[A-Z][a-z]{5,}$/);
          expect(COMMON_NAMES.has(name.toLowerCase())).toBe(false);
        }
        expect(p.city.length).toBeGreaterThanOrEqual(7);
        expect(p.streetAddress).toMatch(/\d/);
      }
    }
  });

  it('gives an adult date of birth between 1950 and 2000, and both genders', () => {
    const genders = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const p = generatePersona({ seed: `dob-${i}` });
      expect(p.dateOfBirth >= '1950-01-01' && p.dateOfBirth <= '2000-12-31').toBe(true);
      expect(new Date(`${p.dateOfBirth}T00:00:00Z`).toISOString().slice(0, 10)).toBe(p.dateOfBirth);
      genders.add(p.gender);
    }
    expect(genders).toEqual(new Set(['female', 'male']));
  });

  it('carries valid SE, NO, DK and FI numbers for the date of birth and gender', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePersona({ seed: `ids-${i}`, country: i % 2 ? 'DE' : 'SE' });
      expect(Object.keys(p.nationalIds).sort()).toEqual([...nationalIdCountries].sort());
      const [y, m, d] = p.dateOfBirth.split('-') as [string, string, string];
      for (const country of nationalIdCountries) {
        const id = p.nationalIds[country] as string;
        expect(isValidNationalId(country, id), `${country} ${id}`).toBe(true);
        const prefix = country === 'SE' ? `${y.slice(2)}${m}${d}` : `${d}${m}${y.slice(2)}`;
        expect(id.startsWith(prefix)).toBe(true);
      }
      const male = Number((p.nationalIds.SE as string)[9]) % 2 === 1;
      expect(male).toBe(p.gender === 'male');
    }
  });

  it('makes a phone whose E.164 form has the same digits as the national form', () => {
    for (const country of personaCountries) {
      const p = generatePersona({ seed: 'phone', country });
      const national = p.phone.replace(/\D/g, '').replace(/^0/, '');
      expect(p.phoneE164.endsWith(national)).toBe(true);
      expect(p.phoneE164.length - national.length).toBeLessThanOrEqual(4); // "+" and a 1–3 digit code
    }
  });

  it('makes strong passwords and messages with a distinctive token', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePersona({ seed: `secret-${i}` });
      expect(p.password.length).toBeGreaterThanOrEqual(12);
      expect(p.password).toMatch(/[A-Z]/);
      expect(p.password).toMatch(/[a-z]/);
      expect(p.password).toMatch(/\d/);
      expect(p.password).toMatch(/[^A-Za-z0-9]/);
      const token = /\b([A-Z2-9]{10})\.$/.exec(p.message)?.[1];
      expect(token, p.message).toBeDefined();
      tokens.add(token as string);
      // The token must not also be part of the e-mail, or a hit could not tell the fields apart.
      expect(p.email.toLowerCase()).not.toContain((token as string).toLowerCase());
    }
    expect(tokens.size).toBe(200);
  });

  it('writes the message in the language of the country', () => {
    expect(generatePersona({ seed: 'm', country: 'SE' }).message).toMatch(/^Hej!/);
    expect(generatePersona({ seed: 'm', country: 'DE' }).message).toMatch(/^Hallo!/);
    expect(generatePersona({ seed: 'm', country: 'US' }).message).toMatch(/^Hello!/);
  });

  it('rejects an e-mail domain that makes no valid address', () => {
    expect(() => generatePersona({ seed: 'x', emailDomain: 'not a domain' })).toThrow();
  });
});
