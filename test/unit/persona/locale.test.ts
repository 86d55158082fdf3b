import { describe, expect, it } from 'vitest';
import {
  mobilePhone, personaCountries, pickRegion, postalCode, type PersonaCountry,
} from '../../../src/persona/locale.js';
import { createRng } from '../../../src/persona/prng.js';

const PHONE_SHAPES: Record<PersonaCountry, RegExp> = {
  SE: /^07[02369]-\d{3} \d{2} \d{2}$/,
  NO: /^[49]\d{2} \d{2} \d{3}$/,
  DK: /^2\d \d{2} \d{2} \d{2}$/,
  FI: /^0(40|41|44|45|50) \d{3} \d{4}$/,
  DE: /^01(5[1279]|6[023]|7\d) \d{7,8}$/,
  GB: /^07[45789]\d{2} \d{6}$/,
  US: /^\([2-9]\d{2}\) [2-9]\d{2}-\d{4}$/,
};
const CALLING_CODES: Record<PersonaCountry, string> = {
  SE: '46', NO: '47', DK: '45', FI: '358', DE: '49', GB: '44', US: '1',
};
const POSTAL_SHAPES: Record<PersonaCountry, RegExp> = {
  SE: /^[1-9]\d{2} \d{2}$/,
  NO: /^\d{4}$/,
  DK: /^[1-9]\d{3}$/,
  FI: /^\d{5}$/,
  DE: /^(0[1-9]|[1-9]\d)\d{3}$/,
  GB: /^[A-Z]{1,2}\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/,
  US: /^\d{5}$/,
};

describe('mobilePhone', () => {
  for (const country of personaCountries) {
    it(`${country}: national form, and E.164 with the same digits minus the trunk 0`, () => {
      for (let i = 0; i < 300; i++) {
        const rng = createRng(`phone-${country}-${i}`);
        const { phone, phoneE164 } = mobilePhone(rng, country, pickRegion(rng, country));
        expect(phone).toMatch(PHONE_SHAPES[country]);
        expect(phoneE164).toMatch(/^\+[1-9]\d{6,14}$/);
        const national = phone.replace(/\D/g, '').replace(/^0/, '');
        expect(phoneE164).toBe(`+${CALLING_CODES[country]}${national}`);
      }
    });

    it(`${country}: the last 7 digits are random`, () => {
      const byPosition = Array.from({ length: 7 }, () => new Set<string>());
      for (let i = 0; i < 300; i++) {
        const rng = createRng(`random-${country}-${i}`);
        const tail = mobilePhone(rng, country, pickRegion(rng, country)).phoneE164.slice(-7);
        [...tail].forEach((digit, p) => byPosition[p]?.add(digit));
      }
      for (const seen of byPosition) expect(seen.size).toBeGreaterThanOrEqual(8);
    });
  }

  it('US numbers use an area code of the state and avoid 555 and N11 exchanges', () => {
    for (let i = 0; i < 300; i++) {
      const rng = createRng(`us-${i}`);
      const region = pickRegion(rng, 'US');
      const { phone } = mobilePhone(rng, 'US', region);
      expect(region.areaCodes).toContain(phone.slice(1, 4));
      const exchange = phone.slice(6, 9);
      expect(exchange).not.toBe('555');
      expect(exchange.endsWith('11')).toBe(false);
    }
  });
});

describe('postalCode and pickRegion', () => {
  for (const country of personaCountries) {
    it(`${country}: postal code in the country's format, starting like the region's codes`, () => {
      for (let i = 0; i < 300; i++) {
        const rng = createRng(`postal-${country}-${i}`);
        const region = pickRegion(rng, country);
        const code = postalCode(rng, country, region);
        expect(code).toMatch(POSTAL_SHAPES[country]);
        expect(region.postal.some((prefix) => code.startsWith(prefix)), `${code} in ${region.name}`).toBe(true);
        expect(region.name.length).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('Swedish regions are län', () => {
    const rng = createRng('lan');
    for (let i = 0; i < 50; i++) expect(pickRegion(rng, 'SE').name).toMatch(/ län$/);
  });
});
