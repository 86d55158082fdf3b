import { describe, expect, it } from 'vitest';
import { countryOption, genderOption, personaValue, regionOption } from '../../../src/crawl/persona-value.js';
import { personaSchema, type Persona } from '../../../src/persona/schema.js';

const persona = (over: Partial<Persona> = {}): Persona =>
  personaSchema.parse({
    country: 'SE',
    email: 'tova.lindqvist.k3x9m2p7@example.com',
    phone: '070-123 45 67',
    phoneE164: '+46701234567',
    firstName: 'Tova',
    lastName: 'Lindqvist',
    gender: 'female',
    dateOfBirth: '1987-04-09',
    streetAddress: 'Kanariegatan 14',
    postalCode: '113 47',
    city: 'Stockholm',
    region: 'Stockholms län',
    nationalIds: { SE: '19870409-1234', NO: '09048712345', DK: '090487-1234', FI: '090487-123A' },
    password: 'Canary-pass-123',
    message: 'Hej! Canary token ZQX-7781, please call me.',
    ...over,
  });

const opt = (value: string, text: string): string => `${value}\u0000${text}`;

describe('personaValue', () => {
  it('joins first and last name for fullName', () => {
    expect(personaValue(persona(), 'fullName')).toBe('Tova Lindqvist');
  });

  it('picks the national id of the given country', () => {
    expect(personaValue(persona(), 'nationalIds.SE')).toBe('19870409-1234');
    expect(personaValue(persona(), 'nationalIds.NO')).toBe('09048712345');
    expect(personaValue(persona(), 'nationalIds.DK')).toBe('090487-1234');
    expect(personaValue(persona(), 'nationalIds.FI')).toBe('090487-123A');
    expect(personaValue(persona(), 'nationalIds.DE')).toBeUndefined();
  });

  it.each([
    ['SE', '1987-04-09'],
    ['NO', '09.04.1987'],
    ['DK', '09.04.1987'],
    ['FI', '09.04.1987'],
    ['DE', '09.04.1987'],
    ['US', '04/09/1987'],
    ['GB', '09/04/1987'],
  ])('writes the date of birth in a text field as people in %s do', (country, expected) => {
    expect(personaValue(persona({ country }), 'dateOfBirth')).toBe(expected);
    expect(personaValue(persona({ country }), 'dateOfBirth', 'text')).toBe(expected);
  });

  it('types ISO into a date input whatever the country', () => {
    for (const country of ['SE', 'NO', 'US', 'GB']) expect(personaValue(persona({ country }), 'dateOfBirth', 'date')).toBe('1987-04-09');
  });

  it('returns plain string fields and nothing for unknown or non-string ones', () => {
    expect(personaValue(persona(), 'email')).toBe('tova.lindqvist.k3x9m2p7@example.com');
    expect(personaValue(persona(), 'message')).toBe('Hej! Canary token ZQX-7781, please call me.');
    expect(personaValue(persona(), 'postalCode')).toBe('113 47');
    expect(personaValue(persona(), 'nationalIds')).toBeUndefined();
    expect(personaValue(persona(), 'shoeSize')).toBeUndefined();
  });
});

describe('genderOption', () => {
  it('matches the option value or its text and returns the value', () => {
    const swedish = [opt('', 'Välj'), opt('1', 'Man'), opt('2', 'Kvinna'), opt('3', 'Annat')];
    expect(genderOption(swedish, 'female')).toBe('2');
    expect(genderOption(swedish, 'male')).toBe('1');
    expect(genderOption([opt('f', 'Female'), opt('m', 'Male')], 'female')).toBe('f');
    expect(genderOption([opt('herr', ' Herr '), opt('frau', ' Frau ')], 'female')).toBe('frau');
    expect(genderOption([opt('mr', 'Monsieur'), opt('mme', 'Madame')], 'male')).toBe('mr');
  });

  it('does not take a word that only contains the right one', () => {
    // Whole words only: "Manager" and "Human" contain "man" but mean no gender.
    expect(genderOption([opt('x', 'Manager'), opt('y', 'Human')], 'male')).toBeUndefined();
    expect(genderOption([opt('other', 'Other')], 'female')).toBeUndefined();
  });
});

describe('countryOption', () => {
  it('matches codes and names in several languages', () => {
    expect(countryOption([opt('', '—'), opt('NO', 'Norge'), opt('SE', 'Sverige')], 'SE')).toBe('SE');
    expect(countryOption([opt('46', 'Schweden'), opt('47', 'Norwegen')], 'SE')).toBe('46');
    expect(countryOption([opt('dnk', 'Danmark')], 'DK')).toBe('dnk');
    expect(countryOption([opt('x', 'Suomi')], 'FI')).toBe('x');
    expect(countryOption([opt('uk', 'United Kingdom')], 'GB')).toBe('uk');
    expect(countryOption([opt('840', 'United States')], 'US')).toBe('840');
  });

  it('returns undefined for a missing country or one it has no names for', () => {
    expect(countryOption([opt('NO', 'Norge')], 'SE')).toBeUndefined();
    expect(countryOption([opt('FR', 'France')], 'FR')).toBeUndefined();
  });
});

describe('regionOption', () => {
  it('finds the region by its name, with or without "län"/genitive, else nothing', () => {
    expect(regionOption([opt('', 'Välj län'), opt('01', 'Blekinge län'), opt('12', 'Stockholms län')], 'Stockholms län')).toBe('12');
    expect(regionOption([opt('AB', 'Stockholm'), opt('C', 'Uppsala')], 'Stockholms län')).toBe('AB');
    expect(regionOption([opt('03', 'Oslo'), opt('46', 'Vestland')], 'Vestland fylke')).toBe('46');
    expect(regionOption([opt('01', 'Blekinge län')], 'Stockholms län')).toBeUndefined();
  });
});
