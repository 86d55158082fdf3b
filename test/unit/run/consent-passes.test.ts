import { describe, expect, it } from 'vitest';
import { consentFor, expandConsentPasses } from '../../../src/run/consent-passes.js';

const plan = [
  { input: 'https://www.a.se/', site: 'https://www.a.se', bundle: 'sites/www.a.se' },
  { input: 'not a url' },
];

describe('expandConsentPasses', () => {
  it('plans each site three times for --consent all, one bundle per pass, malformed targets once', () => {
    expect(expandConsentPasses(plan, 'all')).toEqual([
      { ...plan[0], bundle: 'sites/www.a.se--consent-none', consent: 'none' },
      { ...plan[0], bundle: 'sites/www.a.se--consent-accept', consent: 'accept' },
      { ...plan[0], bundle: 'sites/www.a.se--consent-reject', consent: 'reject' },
      { input: 'not a url' },
    ]);
  });
  it('leaves the plan alone for a single mode', () => {
    expect(expandConsentPasses(plan, 'reject')).toBe(plan);
  });
  it('scans each planned target with its pass, else the mode given', () => {
    expect(consentFor({ input: 'x', consent: 'accept' }, 'all')).toBe('accept');
    expect(consentFor({ input: 'x' }, 'reject')).toBe('reject');
    expect(consentFor({ input: 'x' }, 'all')).toBe('none');
  });
});
