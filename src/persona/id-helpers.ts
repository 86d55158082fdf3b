import type { Persona } from './schema.js';

/**
 * Date and check-digit arithmetic shared by the national identity number schemes. Internal to
 * the persona module (not re-exported from its index).
 */

/** A calendar date as numbers (month 1–12). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Parses `YYYY-MM-DD`.
 *
 * @throws RangeError when the text is not a real calendar date.
 */
export function parseDob(dob: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  const [year, month, day] = m ? m.slice(1, 4).map(Number) : [];
  if (year === undefined || month === undefined || day === undefined || !isValidDate(year, month, day)) {
    throw new RangeError(`not a valid date of birth (YYYY-MM-DD): ${dob}`);
  }
  return { year, month, day };
}

/** True when the day exists in that month of that (proleptic Gregorian) year. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Without the century, 29 February is allowed in every year divisible by four. */
export function isValidTwoDigitYearDate(yy2: number, month: number, day: number): boolean {
  return isValidDate(yy2 % 4 === 0 ? 2000 : 2001, month, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Luhn check digit of a digit string (the rightmost payload digit is doubled). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** 11 − (weighted sum mod 11), with 11 → 0; null when it would be 10 (no valid digit). */
export function mod11CheckDigit(digits: string, weights: number[]): number | null {
  const r = 11 - (weightedSum(digits, weights) % 11);
  if (r === 11) return 0;
  return r === 10 ? null : r;
}

/** Sum of digit × weight over the first `weights.length` digits. */
export function weightedSum(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] as number);
  return sum;
}

/** Moves n by one, within [lo, hi], when its parity does not match the gender (odd = male). */
export function withParity(n: number, lo: number, hi: number, gender: Persona['gender']): number {
  if (n % 2 === (gender === 'male' ? 1 : 0)) return n;
  return n + 1 <= hi ? n + 1 : Math.max(lo, n - 1);
}

/** The last two digits of a year, zero-padded. */
export function yy(year: number): string {
  return pad2(year % 100);
}

/** Zero-pads to two digits. */
export function pad2(n: number): string {
  return pad(n, 2);
}

/** Zero-pads to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
