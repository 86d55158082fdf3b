import type { Severity } from '../config/options.js';
import type { DataCategory } from '../persona/schema.js';

/**
 * Base severity per data category. Hashing does not lower it: an unsalted hash of an e-mail or
 * phone number is re-identifiable by the recipient (NOTIFICATION.md).
 */
const BY_CATEGORY: Record<DataCategory, Severity> = {
  national_id: 'critical',
  password: 'critical',
  free_text: 'high',
  email: 'high',
  phone: 'high',
  full_name: 'high',
  first_name: 'high',
  last_name: 'high',
  date_of_birth: 'high',
  street_address: 'high',
  postal_code: 'medium',
  city: 'medium',
  region: 'medium',
  gender: 'medium',
  country: 'low',
};

const ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Severity of a leak; a leak after the visitor refused consent is one step graver. */
export function leakSeverity(category: DataCategory, consent: 'none' | 'accepted' | 'rejected'): Severity {
  const base = BY_CATEGORY[category];
  if (consent !== 'rejected') return base;
  return ORDER[Math.min(ORDER.indexOf(base) + 1, ORDER.length - 1)] ?? base;
}

/** The highest severity among findings, or undefined when there are none. */
export function maxSeverity(findings: ReadonlyArray<{ severity: Severity }>): Severity | undefined {
  let max: Severity | undefined;
  for (const f of findings) if (max === undefined || ORDER.indexOf(f.severity) > ORDER.indexOf(max)) max = f.severity;
  return max;
}
