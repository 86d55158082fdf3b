import type { Rng } from './prng.js';
import type { Persona } from './schema.js';
import {
  isValidDate, isValidTwoDigitYearDate, luhnCheckDigit, mod11CheckDigit, pad, pad2, parseDob,
  weightedSum, withParity, yy, type DateParts,
} from './id-helpers.js';

/** Countries whose national identity numbers the persona carries. */
export const nationalIdCountries = ['SE', 'NO', 'DK', 'FI'] as const;
export type NationalIdCountry = (typeof nationalIdCountries)[number];
export type Gender = Persona['gender'];

/** Options of {@link generateNationalId}. */
export interface NationalIdOptions {
  /**
   * Year against which "age ≥ 100" is judged (the Swedish `+` separator). Defaults to the
   * current UTC year; pass it to make the output independent of the clock.
   */
  referenceYear?: number;
}

/**
 * Generates a national identity number with valid check digits for a date of birth and gender.
 *
 * Formats: SE `YYMMDD-NNNC` (`+` instead of `-` from the year the person turns 100),
 * NO `DDMMYYIIIKK`, DK `DDMMYY-SSSS`, FI `DDMMYYCZZZQ`.
 *
 * @param country - `SE`, `NO`, `DK` or `FI`.
 * @param dob - date of birth, `YYYY-MM-DD`.
 * @param gender - encoded in the serial's parity (odd = male) in all four countries.
 * @param rng - source of the serial number.
 * @param options - see {@link NationalIdOptions}.
 * @throws RangeError for an invalid date, or a birth year the country's scheme cannot encode.
 */
export function generateNationalId(
  country: NationalIdCountry,
  dob: string,
  gender: Gender,
  rng: Rng,
  options: NationalIdOptions = {},
): string {
  const date = parseDob(dob);
  switch (country) {
    case 'SE':
      return swedish(date, gender, rng, options.referenceYear ?? new Date().getUTCFullYear());
    case 'NO':
      return norwegian(date, gender, rng);
    case 'DK':
      return danish(date, gender, rng);
    case 'FI':
      return finnish(date, gender, rng);
    default:
      throw new RangeError(`no national identity number scheme for ${String(country)}`);
  }
}

/**
 * Checks the format, the encoded date and the check digits of a national identity number.
 *
 * Accepted forms: SE `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYMMDDNNNC`, `YYYYMMDD[-]NNNC` (also
 * samordningsnummer, day + 60); NO 11 digits, optionally `DDMMYY NNNNN` (also D-numbers, day +
 * 40); DK `DDMMYY[-]SSSS` (no mod-11 requirement, as for CPR numbers since 2007); FI
 * `DDMMYYCZZZQ` with every century sign of 2023 (`+`, `-`, `U`–`Y`, `A`–`F`).
 *
 * @returns true when valid; false for anything else, never throws.
 */
export function isValidNationalId(country: NationalIdCountry, value: string): boolean {
  if (typeof value !== 'string') return false;
  switch (country) {
    case 'SE':
      return isValidSwedish(value);
    case 'NO':
      return isValidNorwegian(value);
    case 'DK':
      return isValidDanish(value);
    case 'FI':
      return isValidFinnish(value);
    default:
      return false;
  }
}

/**
 * The pre-2007 Danish CPR check: digits weighted 4,3,2,7,6,5,4,3,2,1 sum to a multiple of 11.
 * Modern CPR numbers need not pass it; generated ones do whenever the date allows.
 */
export function passesDanishMod11(value: string): boolean {
  const digits = value.replace('-', '');
  if (!/^\d{10}$/.test(digits)) return false;
  return weightedSum(digits, [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;
}

// ---- Sweden ---------------------------------------------------------------------------------

function swedish(date: DateParts, gender: Gender, rng: Rng, referenceYear: number): string {
  const serial = withParity(rng.int(1, 999), 1, 999, gender);
  const body = yy(date.year) + pad2(date.month) + pad2(date.day) + pad(serial, 3);
  const separator = referenceYear - date.year >= 100 ? '+' : '-';
  return `${body.slice(0, 6)}${separator}${body.slice(6)}${luhnCheckDigit(body)}`;
}

function isValidSwedish(value: string): boolean {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(value);
  if (!m) return false;
  const [, century, yyText, mm, dd, , rest] = m as unknown as string[];
  let day = Number(dd);
  // Samordningsnummer (coordination numbers) add 60 to the day and are otherwise identical.
  if (day > 60) day -= 60;
  const month = Number(mm);
  const dateOk = century
    ? isValidDate(Number(century + yyText), month, day)
    : isValidTwoDigitYearDate(Number(yyText), month, day);
  const short = `${yyText}${mm}${dd}${rest}`;
  return dateOk && luhnCheckDigit(short.slice(0, 9)) === Number(short[9]);
}

// ---- Norway ---------------------------------------------------------------------------------

const NO_W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const NO_W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Individnummer ranges that encode a birth year (Skatteetaten's allocation). */
function norwegianSerialRanges(year: number): Array<[number, number]> {
  if (year >= 1854 && year <= 1899) return [[500, 749]];
  if (year >= 1900 && year <= 1939) return [[0, 499]];
  if (year >= 1940 && year <= 1999) return [[0, 499], [900, 999]];
  if (year >= 2000 && year <= 2039) return [[500, 999]];
  return [];
}

function norwegian(date: DateParts, gender: Gender, rng: Rng): string {
  const ranges = norwegianSerialRanges(date.year);
  if (ranges.length === 0) throw new RangeError(`NO fødselsnummer cannot encode ${date.year}`);
  const dmy = pad2(date.day) + pad2(date.month) + yy(date.year);
  // About 2 in 11 serials give a check digit of 10, which no number may have: draw again.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [lo, hi] = rng.pick(ranges);
    const body = dmy + pad(withParity(rng.int(lo, hi), lo, hi, gender), 3);
    const k1 = mod11CheckDigit(body, NO_W1);
    if (k1 === null) continue;
    const k2 = mod11CheckDigit(body + k1, NO_W2);
    if (k2 === null) continue;
    return `${body}${k1}${k2}`;
  }
  throw new Error('no valid Norwegian serial found'); // unreachable in practice
}

function isValidNorwegian(value: string): boolean {
  const m = /^(\d{6}) ?(\d{5})$/.exec(value);
  if (!m) return false;
  const digits = `${m[1]}${m[2]}`;
  const k1 = mod11CheckDigit(digits.slice(0, 9), NO_W1);
  const k2 = mod11CheckDigit(digits.slice(0, 10), NO_W2);
  if (k1 === null || k2 === null || k1 !== Number(digits[9]) || k2 !== Number(digits[10])) {
    return false;
  }
  let day = Number(digits.slice(0, 2));
  if (day > 40) day -= 40; // D-number (foreign residents): day + 40.
  const month = Number(digits.slice(2, 4));
  const yy2 = Number(digits.slice(4, 6));
  const serial = Number(digits.slice(6, 9));
  const year = norwegianYear(yy2, serial);
  return year !== null && isValidDate(year, month, day);
}

function norwegianYear(yy2: number, serial: number): number | null {
  if (serial <= 499) return 1900 + yy2;
  if (serial <= 749 && yy2 >= 54) return 1800 + yy2;
  if (yy2 <= 39) return 2000 + yy2; // serial 500–999
  if (serial >= 900) return 1900 + yy2;
  return null;
}

// ---- Denmark --------------------------------------------------------------------------------

/** First serial digits that, with the two-digit year, encode the century (CPR-kontoret). */
function danishCenturyDigits(year: number): number[] {
  if (year >= 1858 && year <= 1899) return [5, 6, 7, 8];
  if (year >= 1900 && year <= 1936) return [0, 1, 2, 3];
  if (year >= 1937 && year <= 1999) return [0, 1, 2, 3, 4, 9];
  if (year >= 2000 && year <= 2036) return [4, 5, 6, 7, 8, 9];
  if (year >= 2037 && year <= 2057) return [5, 6, 7, 8];
  return [];
}

function danish(date: DateParts, gender: Gender, rng: Rng): string {
  const firstDigits = danishCenturyDigits(date.year);
  if (firstDigits.length === 0) throw new RangeError(`DK CPR cannot encode ${date.year}`);
  const dmy = pad2(date.day) + pad2(date.month) + yy(date.year);
  // At most 6 × 500 candidates: enumerate them so "passes mod 11 when possible" is exact.
  const dateSum = weightedSum(dmy, [4, 3, 2, 7, 6, 5]);
  const all: string[] = [];
  const mod11: string[] = [];
  for (const first of firstDigits) {
    for (let rest = gender === 'male' ? 1 : 0; rest < 1000; rest += 2) {
      const serial = `${first}${pad(rest, 3)}`;
      all.push(`${dmy}-${serial}`);
      if ((dateSum + weightedSum(serial, [4, 3, 2, 1])) % 11 === 0) mod11.push(`${dmy}-${serial}`);
    }
  }
  return rng.pick(mod11.length > 0 ? mod11 : all);
}

function isValidDanish(value: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/.exec(value);
  if (!m) return false;
  const [day, month, yy2, first] = m.slice(1, 5).map(Number) as [number, number, number, number];
  return isValidDate(danishYear(yy2, first), month, day);
}

function danishYear(yy2: number, first: number): number {
  if (first <= 3) return 1900 + yy2;
  if (first === 4 || first === 9) return yy2 <= 36 ? 2000 + yy2 : 1900 + yy2;
  return yy2 <= 57 ? 2000 + yy2 : 1800 + yy2; // 5–8
}

// ---- Finland --------------------------------------------------------------------------------

const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const FI_CENTURY: Record<string, number> = {
  '+': 1800, '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

function finnish(date: DateParts, gender: Gender, rng: Rng): string {
  const sign = date.year < 1800 || date.year > 2099 ? undefined
    : date.year < 1900 ? '+' : date.year < 2000 ? '-' : 'A';
  if (!sign) throw new RangeError(`FI HETU cannot encode ${date.year}`);
  const dmy = pad2(date.day) + pad2(date.month) + yy(date.year);
  // 002–899 are permanent individual numbers; 900–999 are for temporary identifiers.
  const serial = pad(withParity(rng.int(2, 899), 2, 899, gender), 3);
  return `${dmy}${sign}${serial}${FI_CHECK[Number(dmy + serial) % 31]}`;
}

function isValidFinnish(value: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(value);
  if (!m) return false;
  const [, dd, mm, yyText, sign, serial, check] = m as unknown as string[];
  const century = FI_CENTURY[sign as string];
  if (century === undefined || Number(serial) < 2) return false;
  if (!isValidDate(century + Number(yyText), Number(mm), Number(dd))) return false;
  return FI_CHECK[Number(`${dd}${mm}${yyText}${serial}`) % 31] === check;
}
