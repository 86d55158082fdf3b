import { describe, expect, it } from 'vitest';
import {
  generateNationalId, isValidNationalId, nationalIdCountries, passesDanishMod11, type Gender,
} from '../../../src/persona/national-id.js';
import { createRng } from '../../../src/persona/prng.js';

/** A date of birth between 1950 and 2000 for seed i, made without the code under test. */
function dobFor(i: number): string {
  const rng = createRng(`dob-${i}`);
  const y = rng.int(1950, 2000);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
const genderFor = (i: number): Gender => (i % 2 === 0 ? 'female' : 'male');
/** DDMMYY of a YYYY-MM-DD date. */
const ddmmyy = (dob: string): string => dob.slice(8, 10) + dob.slice(5, 7) + dob.slice(2, 4);

describe('hand-checked examples', () => {
  it('SE personnummer', () => {
    // 811218-987: Luhn weights 2,1,2,…: 16→7,1,2,2,2,8,18→9,8,14→5 = 44, so the check digit is 6.
    expect(isValidNationalId('SE', '811218-9876')).toBe(true);
    expect(isValidNationalId('SE', '811218+9876')).toBe(true);
    expect(isValidNationalId('SE', '8112189876')).toBe(true);
    expect(isValidNationalId('SE', '19811218-9876')).toBe(true);
    expect(isValidNationalId('SE', '811218-9877')).toBe(false);
    expect(isValidNationalId('SE', '811318-9876')).toBe(false); // month 13
    // Samordningsnummer: day + 60; 811278-987 sums to 47, check digit 3.
    expect(isValidNationalId('SE', '811278-9873')).toBe(true);
    expect(isValidNationalId('SE', '811278-9876')).toBe(false);
  });

  it('NO fødselsnummer', () => {
    // 150385 123: k1 = 11 − (3+35+0+3+64+45+4+10+6 = 170 mod 11 = 5) = 6;
    // k2 = 11 − (5+20+0+6+56+30+5+8+9+12 = 151 mod 11 = 8) = 3.
    expect(isValidNationalId('NO', '15038512363')).toBe(true);
    expect(isValidNationalId('NO', '150385 12363')).toBe(true);
    expect(isValidNationalId('NO', '15038512364')).toBe(false); // wrong k2
    expect(isValidNationalId('NO', '15038512373')).toBe(false); // wrong k1
    expect(isValidNationalId('NO', '1503851236')).toBe(false); // too short
    expect(isValidNationalId('NO', '15038576363')).toBe(false); // individnummer 763 cannot be 1985
  });

  it('DK CPR', () => {
    // 0·4+7·3+0·2+7·7+6·6+1·5+4·4+2·3+8·2+5·1 = 154 = 14·11: passes the old mod-11 check.
    expect(isValidNationalId('DK', '070761-4285')).toBe(true);
    expect(isValidNationalId('DK', '0707614285')).toBe(true);
    expect(passesDanishMod11('070761-4285')).toBe(true);
    // Modern CPR numbers need not pass mod 11.
    expect(isValidNationalId('DK', '070761-4286')).toBe(true);
    expect(passesDanishMod11('070761-4286')).toBe(false);
    expect(isValidNationalId('DK', '310261-1234')).toBe(false); // 31 February
    expect(isValidNationalId('DK', '070761-428')).toBe(false);
  });

  it('FI HETU', () => {
    // 131052308 mod 31 = 25 → 'T' (the example of the Finnish Digital and Population Data Agency).
    expect(isValidNationalId('FI', '131052-308T')).toBe(true);
    expect(isValidNationalId('FI', '131052-308U')).toBe(false);
    // 010101123 mod 31 = 21 → 'N'; A and B are both 2000s century signs.
    expect(isValidNationalId('FI', '010101A123N')).toBe(true);
    expect(isValidNationalId('FI', '010101B123N')).toBe(true);
    expect(isValidNationalId('FI', '010101G123N')).toBe(false); // no such century sign
    expect(isValidNationalId('FI', '310201-123N')).toBe(false); // 31 February
  });

  it('rejects garbage for every country', () => {
    for (const country of nationalIdCountries) {
      for (const bad of ['', 'abc', '0000000000000', '811218-98X6']) {
        expect(isValidNationalId(country, bad)).toBe(false);
      }
    }
  });
});

describe('generateNationalId', () => {
  for (const country of nationalIdCountries) {
    it(`${country}: 500 generated numbers are valid and encode date and gender`, () => {
      for (let i = 0; i < 500; i++) {
        const dob = dobFor(i);
        const gender = genderFor(i);
        const id = generateNationalId(country, dob, gender, createRng(`id-${i}`), { referenceYear: 2025 });
        expect(isValidNationalId(country, id), `${country} ${id}`).toBe(true);
        const digits = id.replace(/\D/g, '');
        const genderDigit = Number(country === 'DK' ? digits[9] : digits[8]);
        expect(genderDigit % 2, `${id} for ${gender}`).toBe(gender === 'male' ? 1 : 0);
        const datePart = country === 'SE' ? dob.slice(2).replace(/-/g, '') : ddmmyy(dob);
        expect(id.startsWith(datePart), `${id} for ${dob}`).toBe(true);
      }
    });
  }

  it('is deterministic for a seeded rng', () => {
    for (const country of nationalIdCountries) {
      const a = generateNationalId(country, '1977-05-04', 'female', createRng('x'));
      const b = generateNationalId(country, '1977-05-04', 'female', createRng('x'));
      expect(a).toBe(b);
    }
  });

  it('uses the formats of each country', () => {
    const rng = createRng('formats');
    expect(generateNationalId('SE', '1981-12-18', 'male', rng, { referenceYear: 2025 })).toMatch(/^811218-\d{4}$/);
    expect(generateNationalId('NO', '1981-12-18', 'male', rng)).toMatch(/^181281\d{5}$/);
    expect(generateNationalId('DK', '1981-12-18', 'male', rng)).toMatch(/^181281-\d{4}$/);
    expect(generateNationalId('FI', '1981-12-18', 'male', rng)).toMatch(/^181281-\d{3}[0-9A-Y]$/);
    expect(generateNationalId('FI', '2004-02-29', 'female', rng)).toMatch(/^290204A\d{3}[0-9A-Y]$/);
  });

  it('SE uses + from the year the person turns 100', () => {
    const rng = createRng('plus');
    expect(generateNationalId('SE', '1925-06-01', 'female', rng, { referenceYear: 2024 })).toContain('-');
    const old = generateNationalId('SE', '1925-06-01', 'female', rng, { referenceYear: 2025 });
    expect(old).toMatch(/^250601\+\d{4}$/);
    expect(isValidNationalId('SE', old)).toBe(true);
  });

  it('NO uses the individnummer range of the birth year', () => {
    for (let i = 0; i < 200; i++) {
      const serial = (dob: string): number =>
        Number(generateNationalId('NO', dob, genderFor(i), createRng(`no-${i}`)).slice(6, 9));
      const s1945 = serial('1945-03-03');
      expect(s1945 <= 499 || s1945 >= 900).toBe(true);
      expect(serial('1930-03-03')).toBeLessThanOrEqual(499);
      expect(serial('2005-03-03')).toBeGreaterThanOrEqual(500);
      const s1890 = serial('1890-03-03');
      expect(s1890 >= 500 && s1890 <= 749).toBe(true);
    }
  });

  it('DK numbers pass the old mod-11 check and encode the century', () => {
    for (let i = 0; i < 500; i++) {
      const dob = dobFor(i);
      const id = generateNationalId('DK', dob, genderFor(i), createRng(`dk-${i}`));
      expect(passesDanishMod11(id), id).toBe(true);
    }
    // 2010: the first serial digit must be 4–9 (0–3 would mean 1910).
    const young = generateNationalId('DK', '2010-01-01', 'male', createRng('dk-2010'));
    expect(Number(young[7])).toBeGreaterThanOrEqual(4);
  });

  it('FI individual numbers are 002–899', () => {
    for (let i = 0; i < 500; i++) {
      const id = generateNationalId('FI', dobFor(i), genderFor(i), createRng(`fi-${i}`));
      const serial = Number(id.slice(7, 10));
      expect(serial).toBeGreaterThanOrEqual(2);
      expect(serial).toBeLessThanOrEqual(899);
    }
  });

  it('refuses invalid dates and years a scheme cannot encode', () => {
    const rng = createRng('errors');
    expect(() => generateNationalId('SE', '1981-02-30', 'male', rng)).toThrow(RangeError);
    expect(() => generateNationalId('SE', '18-12-1981', 'male', rng)).toThrow(RangeError);
    expect(() => generateNationalId('NO', '2045-01-01', 'male', rng)).toThrow(RangeError);
    expect(() => generateNationalId('DK', '1850-01-01', 'male', rng)).toThrow(RangeError);
  });
});
