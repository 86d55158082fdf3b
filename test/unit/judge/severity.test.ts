import { describe, expect, it } from 'vitest';
import { leakSeverity, maxSeverity } from '../../../src/judge/severity.js';
import { dataCategories } from '../../../src/persona/schema.js';

describe('leakSeverity', () => {
  it.each([
    ['national_id', 'critical', 'critical'],
    ['password', 'critical', 'critical'],
    ['email', 'high', 'critical'],
    ['phone', 'high', 'critical'],
    ['free_text', 'high', 'critical'],
    ['date_of_birth', 'high', 'critical'],
    ['postal_code', 'medium', 'high'],
    ['gender', 'medium', 'high'],
    ['country', 'low', 'medium'],
  ] as const)('%s: %s, one step graver (%s) after consent was rejected', (category, base, rejected) => {
    expect(leakSeverity(category, 'none')).toBe(base);
    expect(leakSeverity(category, 'accepted')).toBe(base);
    expect(leakSeverity(category, 'rejected')).toBe(rejected);
  });

  it('has a severity for every data category', () => {
    for (const category of dataCategories) expect(['low', 'medium', 'high', 'critical']).toContain(leakSeverity(category, 'none'));
  });
});

describe('maxSeverity', () => {
  it('returns the highest severity, or undefined for none', () => {
    expect(maxSeverity([])).toBeUndefined();
    expect(maxSeverity([{ severity: 'low' }])).toBe('low');
    expect(maxSeverity([{ severity: 'medium' }, { severity: 'critical' }, { severity: 'high' }])).toBe('critical');
    expect(maxSeverity([{ severity: 'info' }, { severity: 'low' }, { severity: 'info' }])).toBe('low');
  });
});
