import { describe, expect, it } from 'vitest';
import { fitValue, type InputConstraints } from '../../../src/crawl/fit-value.js';
import { personaSchema, type Persona } from '../../../src/persona/schema.js';

const persona: Persona = personaSchema.parse({
  country: 'SE', email: 'tova.lindqvist.k3x9m2p7@example.com', phone: '070-123 45 67', phoneE164: '+46701234567',
  firstName: 'Tova', lastName: 'Lindqvist', gender: 'female', dateOfBirth: '1987-04-09', streetAddress: 'Kanariegatan 14',
  postalCode: '113 47', city: 'Stockholm', region: 'Stockholms län',
  nationalIds: { SE: '870409-1236', NO: '09048712345', DK: '090487-1234', FI: '090487-123A' },
  password: 'Canary-pass-123', message: 'Hej! Canary token ZQX-7781, please call me.',
});
const c = (over: Partial<InputConstraints> = {}): InputConstraints => ({ type: 'text', ...over });

describe('fitValue: the persona in the format the field asks for', () => {
  it.each([
    ['maxlength 12 → YYYYMMDDNNNN', c({ maxLength: 12 }), '198704091236'],
    ['digits-only pattern of 12', c({ pattern: '[0-9]{12}', inputMode: 'numeric' }), '198704091236'],
    ['placeholder ÅÅÅÅMMDD-XXXX', c({ placeholder: 'ÅÅÅÅMMDD-XXXX' }), '19870409-1236'],
    ['maxlength 13 → with century and dash', c({ maxLength: 13 }), '19870409-1236'],
    ['maxlength 10 → YYMMDDNNNN', c({ maxLength: 10 }), '8704091236'],
    ['pattern \\d{6}-\\d{4}', c({ pattern: '\\d{6}-\\d{4}' }), '870409-1236'],
    ['no hint → as the persona has it', c(), '870409-1236'],
  ])('Swedish personnummer, %s', (_, constraints, expected) => {
    expect(fitValue(persona.nationalIds.SE!, 'national_id', constraints, persona, 'SE')).toBe(expected);
  });

  it('keeps other countries\' ids, with or without a dash as the pattern wants', () => {
    expect(fitValue('09048712345', 'national_id', c({ maxLength: 11 }), persona, 'NO')).toBe('09048712345');
    expect(fitValue('090487-1234', 'national_id', c({ pattern: '\\d{10}' }), persona, 'DK')).toBe('0904871234');
    expect(fitValue('090487-123A', 'national_id', c(), persona, 'FI')).toBe('090487-123A');
  });

  it.each([
    ['no constraint', c(), '070-123 45 67'],
    ['digits-only pattern', c({ pattern: '[0-9]+' }), '0701234567'],
    ['inputmode numeric', c({ inputMode: 'numeric' }), '0701234567'],
    ['type number', c({ type: 'number' }), '0701234567'],
    ['pattern for E.164', c({ pattern: '\\+[0-9]{8,15}' }), '+46701234567'],
    ['placeholder +46…', c({ placeholder: '+46 70 123 45 67' }), '+46701234567'],
    ['maxlength 10', c({ maxLength: 10 }), '0701234567'],
    ['pattern of nine digits after a fixed +46', c({ pattern: '[1-9][0-9]{8}' }), '701234567'],
  ])('phone, %s', (_, constraints, expected) => {
    expect(fitValue(persona.phone, 'phone', constraints, persona)).toBe(expected);
  });

  it('drops the space of a postcode when the field is short, numeric or patterned', () => {
    expect(fitValue('113 47', 'postal_code', c(), persona)).toBe('113 47');
    expect(fitValue('113 47', 'postal_code', c({ maxLength: 5 }), persona)).toBe('11347');
    expect(fitValue('113 47', 'postal_code', c({ inputMode: 'numeric' }), persona)).toBe('11347');
    expect(fitValue('113 47', 'postal_code', c({ pattern: '\\d{5}' }), persona)).toBe('11347');
  });

  it.each([
    ['dd.mm.åååå', '09.04.1987'], ['TT.MM.JJJJ', '09.04.1987'], ['jj/mm/aaaa', '09/04/1987'], ['pp.kk.vvvv', '09.04.1987'],
    ['MM/DD/YYYY', '04/09/1987'], ['ÅÅÅÅ-MM-DD', '1987-04-09'], ['ÅÅÅÅMMDD', '19870409'], ['dd-mm-jjjj', '09-04-1987'],
  ])('writes a birth date as the placeholder %s shows it', (placeholder, expected) => {
    expect(fitValue('1987-04-09', 'date_of_birth', c({ placeholder }), persona)).toBe(expected);
  });

  it('picks the date order a pattern accepts, and cuts what nothing fits to maxlength', () => {
    expect(fitValue('1987-04-09', 'date_of_birth', c({ pattern: '\\d{2}\\.\\d{2}\\.\\d{4}' }), persona)).toBe('09.04.1987');
    expect(fitValue('Tova', 'first_name', c({ maxLength: 3 }), persona)).toBe('Tov');
    expect(fitValue('Tova', 'first_name', c({ pattern: '[(' }), persona)).toBe('Tova'); // an invalid pattern is ignored, as browsers do
  });
});
