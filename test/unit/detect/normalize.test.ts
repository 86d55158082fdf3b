import { describe, expect, it } from 'vitest';
import {
  asciiFold, nationalSignificantNumber, normalizeValue, type NormalizeContext,
} from '../../../src/detect/normalize.js';
import type { DataCategory } from '../../../src/persona/schema.js';

const se: NormalizeContext = { country: 'SE', phoneE164: '+46701234567' };

/** name → text of every normalisation of a value. */
function forms(category: DataCategory, value: string, ctx: NormalizeContext = se): Record<string, string> {
  return Object.fromEntries(normalizeValue(category, value, ctx).map((n) => [n.steps.join(' > '), n.text]));
}

describe('asciiFold', () => {
  it('drops diacritics and folds letters NFD keeps', () => {
    expect(asciiFold('Öberg Väsby Søren Æbelø Straße Łódź')).toBe('Oberg Vasby Soren AEbelo Strasse Lodz');
  });
});

describe('email', () => {
  it('trims and lower-cases, keeping a +tag', () => {
    expect(forms('email', '  Jane.Doe+News@Example.COM ')).toEqual({ 'normalize:email': 'jane.doe+news@example.com' });
  });
  it('applies the dot/plus rule to gmail and googlemail only', () => {
    expect(forms('email', 'Jane.Doe+x@Gmail.com')).toEqual({
      'normalize:email': 'jane.doe+x@gmail.com',
      'normalize:email-gmail': 'janedoe@gmail.com',
    });
    expect(forms('email', 'j.d@googlemail.com')['normalize:email-gmail']).toBe('jd@googlemail.com');
    expect(forms('email', 'j.d+x@example.test')['normalize:email-gmail']).toBeUndefined();
  });
});

describe('phone', () => {
  it('gives digits as typed, E.164 with and without +, national with and without trunk 0', () => {
    expect(forms('phone', '070-123 45 67')).toEqual({
      'normalize:phone-digits': '0701234567',
      'normalize:phone-e164': '+46701234567',
      'normalize:phone-e164-digits': '46701234567',
      'normalize:phone-no-trunk-zero': '701234567',
    });
  });
  it('keeps the national digits with trunk 0 when the typed form has none (Norway)', () => {
    const no = forms('phone', '+47 912 34 567', { country: 'NO', phoneE164: '+4791234567' });
    expect(no).toEqual({
      'normalize:phone-digits': '4791234567',
      'normalize:phone-e164': '+4791234567',
      'normalize:phone-national-digits': '091234567',
      'normalize:phone-no-trunk-zero': '91234567',
    });
  });
  it('finds the national number of an unknown country from the typed form', () => {
    expect(nationalSignificantNumber('0612 345 678', '+999612345678', 'ZZ')).toBe('612345678');
    expect(nationalSignificantNumber('612 345 678', '+999612345678', 'ZZ')).toBe('612345678');
    expect(nationalSignificantNumber('1', '+999612345678', 'ZZ')).toBeUndefined();
    expect(nationalSignificantNumber('(555) 123-4567', '+15551234567', 'US')).toBe('5551234567');
  });
  it('works without an E.164 in the context when the typed value has a +', () => {
    expect(forms('phone', '+358 40 123 4567', { country: 'FI' })).toMatchObject({
      'normalize:phone-e164': '+358401234567',
      'normalize:phone-national-digits': '0401234567',
    });
    expect(forms('phone', '040 123 4567', { country: 'FI' })).toEqual({ 'normalize:phone-digits': '0401234567' });
  });
});

describe('names', () => {
  it.each(['first_name', 'last_name', 'full_name'] as const)('%s: lower, folded, without punctuation', (cat) => {
    expect(forms(cat, " Märta-Lis O'Öberg ")).toEqual({
      'normalize:name-lower': "märta-lis o'öberg",
      'normalize:name-ascii-fold': "marta-lis o'oberg",
      'normalize:name-no-punct': 'märtalisoöberg',
      'normalize:name-no-punct > normalize:name-ascii-fold': 'martalisooberg',
    });
  });
  it('drops normalisations that change nothing', () => {
    expect(forms('first_name', 'anna')).toEqual({ 'normalize:name-lower': 'anna' });
  });
});

describe('gender', () => {
  it('gives the initial and the word', () => {
    expect(forms('gender', 'female')).toEqual({ 'normalize:gender-initial': 'f', 'normalize:gender-word': 'female' });
    expect(forms('gender', 'Male')).toEqual({ 'normalize:gender-initial': 'm', 'normalize:gender-word': 'male' });
  });
});

describe('date of birth', () => {
  it('gives the usual renderings', () => {
    expect(forms('date_of_birth', '1987-03-14')).toEqual({
      'normalize:date-yyyymmdd': '19870314',
      'normalize:date-iso': '1987-03-14',
      'normalize:date-dmy-dot': '14.03.1987',
      'normalize:date-mdy-slash': '03/14/1987',
      'normalize:date-dmy-slash': '14/03/1987',
      'normalize:date-ddmmyyyy': '14031987',
    });
  });
  it('gives nothing for a value that is not YYYY-MM-DD', () => {
    expect(forms('date_of_birth', '14 March')).toEqual({});
  });
});

describe('postal code', () => {
  it('lower-cases and removes spaces', () => {
    expect(forms('postal_code', 'SW1A 1AA', { country: 'GB' })).toEqual({ 'normalize:postal-code': 'sw1a1aa' });
    expect(forms('postal_code', '113 50')).toEqual({ 'normalize:postal-code': '11350' });
  });
  it('keeps the part before a dash, and the first five only in the US', () => {
    expect(forms('postal_code', '1234-567', { country: 'PT' })).toEqual({
      'normalize:postal-code': '1234-567',
      'normalize:postal-before-dash': '1234',
    });
    expect(forms('postal_code', '94105-1804', { country: 'US' })).toEqual({
      'normalize:postal-code': '94105-1804',
      'normalize:postal-before-dash': '94105',
    });
    expect(forms('postal_code', '941051804', { country: 'US' })['normalize:postal-first5']).toBe('94105');
  });
});

describe('city and region', () => {
  it('city: lower with and without spaces, folded', () => {
    expect(forms('city', 'Upplands Väsby')).toEqual({
      'normalize:city-lower': 'upplands väsby',
      'normalize:city-ascii-fold': 'upplands vasby',
      'normalize:city-no-space': 'upplandsväsby',
      'normalize:city-no-space > normalize:city-ascii-fold': 'upplandsvasby',
    });
  });
  it('region: the same renderings', () => {
    expect(forms('region', 'Stockholms län')).toEqual({
      'normalize:region-lower': 'stockholms län',
      'normalize:region-ascii-fold': 'stockholms lan',
      'normalize:region-no-space': 'stockholmslän',
      'normalize:region-no-space > normalize:region-ascii-fold': 'stockholmslan',
    });
  });
});

describe('other categories', () => {
  it('country: two letters lower case', () => {
    expect(forms('country', 'SE')).toEqual({ 'normalize:country-lower': 'se' });
  });
  it('national id: digits only, and the 10-digit Swedish form', () => {
    expect(forms('national_id', '19870314-1238', { ...se, idCountry: 'SE' })).toEqual({
      'normalize:national-id-digits': '198703141238',
      'normalize:national-id-short': '870314-1238',
      'normalize:national-id-short-digits': '8703141238',
    });
    expect(forms('national_id', '140387-1234', { ...se, idCountry: 'DK' })).toEqual({
      'normalize:national-id-digits': '1403871234',
    });
  });
  it('street address: lower and folded', () => {
    expect(forms('street_address', 'Sveavägen 112')).toEqual({
      'normalize:street-lower': 'sveavägen 112',
      'normalize:street-ascii-fold': 'sveavagen 112',
    });
  });
  it('password and free text: searched as typed only', () => {
    expect(forms('password', 'Kanarie#4821')).toEqual({});
    expect(forms('free_text', 'Hej hej')).toEqual({});
  });
});
