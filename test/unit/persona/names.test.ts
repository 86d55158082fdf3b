import { describe, expect, it } from 'vitest';
import {
  inventCity, inventFirstName, inventLastName, inventStreetAddress, type PlaceStyle,
} from '../../../src/persona/names.js';
import { createRng } from '../../../src/persona/prng.js';

// A sample of common names in the persona countries: an invented name must never be one.
const COMMON_NAMES = new Set([
  'anna', 'maria', 'elin', 'emma', 'sofia', 'johanna', 'kristina', 'nora', 'ingrid', 'mette',
  'laura', 'aino', 'helena', 'sarah', 'jennifer', 'erik', 'lars', 'karl', 'johan', 'anders',
  'ole', 'jens', 'mikko', 'thomas', 'michael', 'james', 'david', 'andersson', 'johansson',
  'karlsson', 'nilsson', 'hansen', 'jensen', 'nielsen', 'korhonen', 'virtanen', 'mueller',
  'muller', 'schmidt', 'smith', 'jones', 'williams', 'johnson', 'brown', 'garcia',
]);
const STYLES: PlaceStyle[] = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'US'];

describe('invented names', () => {
  it('are capitalised letters, at least 6 long, and not common names', () => {
    const rng = createRng('names');
    for (let i = 0; i < 1_000; i++) {
      for (const name of [inventFirstName(rng, i % 2 ? 'male' : 'female'), inventLastName(rng)]) {
        expect(name).toMatch(/^[A-Z][a-z]{5,}$/);
        expect(COMMON_NAMES.has(name.toLowerCase()), name).toBe(false);
      }
    }
  });

  it('vary: 200 draws give many different names', () => {
    const rng = createRng('variety');
    const first = new Set(Array.from({ length: 200 }, () => inventFirstName(rng, 'female')));
    const last = new Set(Array.from({ length: 200 }, () => inventLastName(rng)));
    expect(first.size).toBeGreaterThan(150);
    expect(last.size).toBeGreaterThan(120);
  });

  it('follow the gender in the ending', () => {
    const rng = createRng('endings');
    for (let i = 0; i < 100; i++) {
      expect(inventFirstName(rng, 'female')).toMatch(/(ra|na|lla|nde|ssa|lie|rin|lva|mina)$/);
      expect(inventFirstName(rng, 'male')).toMatch(/(ric|mund|bert|vald|rik|tor|wulf|gard|win|mar|dan|ger)$/);
    }
  });
});

describe('invented places', () => {
  it('cities are capitalised, at least 7 letters, without tripled letters', () => {
    for (const style of STYLES) {
      const rng = createRng(`city-${style}`);
      for (let i = 0; i < 300; i++) {
        const city = inventCity(rng, style);
        expect(city.length, city).toBeGreaterThanOrEqual(7);
        expect(city).toMatch(/^[A-Z]\p{Ll}+$/u);
        expect(city).not.toMatch(/(.)\1\1/);
      }
    }
  });

  it('street addresses put the number where the country does', () => {
    const shapes: Record<PlaceStyle, RegExp> = {
      SE: /^[A-Z]\p{Ll}+(vägen|gatan|stigen|gränd) \d{1,2}$/u,
      NO: /^[A-Z]\p{Ll}+(veien|gata|vegen|stien) \d{1,2}$/u,
      DK: /^[A-Z]\p{Ll}+(vej|gade|allé|stræde) \d{1,2}$/u,
      FI: /^[A-Z]\p{Ll}+(katu|tie|kuja|polku) \d{1,2}$/u,
      DE: /^[A-Z]\p{Ll}+( Straße|straße|weg|allee|ring|gasse) \d{1,3}$/u,
      GB: /^\d{1,3} [A-Z][a-z]+ (Lane|Road|Close|Street|Gardens|Way|Crescent)$/,
      US: /^\d{3,4} [A-Z][a-z]+ (Avenue|Street|Road|Drive|Lane|Boulevard|Court)$/,
    };
    for (const style of STYLES) {
      const rng = createRng(`street-${style}`);
      for (let i = 0; i < 300; i++) {
        const street = inventStreetAddress(rng, style);
        expect(street).toMatch(shapes[style]);
        expect(street).not.toMatch(/(\p{L})\1\1/u);
      }
    }
  });

  it('are deterministic', () => {
    expect(inventCity(createRng('c'), 'SE')).toBe(inventCity(createRng('c'), 'SE'));
    expect(inventStreetAddress(createRng('s'), 'GB')).toBe(inventStreetAddress(createRng('s'), 'GB'));
  });
});
