import { describe, expect, it } from 'vitest';
import { defaultConcurrency, scanOptionsSchema, severities, severityRank } from '../../../src/config/options.js';

describe('scanOptionsSchema', () => {
  it('fills the documented defaults', () => {
    expect(scanOptionsSchema.parse({ urls: ['https://www.example.se/'] })).toEqual({
      urls: ['https://www.example.se/'],
      out: 'pixel-audit-out',
      consent: 'none',
      submit: 'intercept',
      maxPages: 10,
      depth: 2,
      concurrency: defaultConcurrency(), // from the cores: see history-options.test.ts
      failOn: 'low',
      ignoreHttpsErrors: false,
      siteTimeout: 180,
      pageTimeout: 30,
      inspectors: [],
    });
  });

  it.each([
    ['no URL', { urls: [] }, 'urls'],
    ['an empty URL', { urls: [''] }, 'urls.0'],
    ['an unknown key', { urls: ['a'], colour: 'red' }, ''],
    ['an unknown consent mode', { urls: ['a'], consent: 'maybe' }, 'consent'],
    ['an unknown submit mode', { urls: ['a'], submit: 'sometimes' }, 'submit'],
    ['maxPages 0', { urls: ['a'], maxPages: 0 }, 'maxPages'],
    ['maxPages 1001', { urls: ['a'], maxPages: 1001 }, 'maxPages'],
    ['a fractional depth', { urls: ['a'], depth: 1.5 }, 'depth'],
    ['depth 21', { urls: ['a'], depth: 21 }, 'depth'],
    ['concurrency 65', { urls: ['a'], concurrency: 65 }, 'concurrency'],
    ['siteTimeout 9', { urls: ['a'], siteTimeout: 9 }, 'siteTimeout'],
    ['pageTimeout 301', { urls: ['a'], pageTimeout: 301 }, 'pageTimeout'],
    ['an unknown severity', { urls: ['a'], failOn: 'severe' }, 'failOn'],
    ['an empty seed', { urls: ['a'], seed: '' }, 'seed'],
    ['a string for a number', { urls: ['a'], maxPages: '5' }, 'maxPages'],
  ])('rejects %s', (_, input, path) => {
    const parsed = scanOptionsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(path);
  });

  it('says what to give when no URL is given', () => {
    const parsed = scanOptionsSchema.safeParse({ urls: [] });
    expect(parsed.error!.issues[0]!.message).toBe('give at least one URL (or --targets file)');
  });

  it('accepts the bounds', () => {
    const options = scanOptionsSchema.parse({ urls: ['a'], maxPages: 1000, depth: 0, concurrency: 64, siteTimeout: 10, pageTimeout: 1, failOn: 'critical' });
    expect(options).toMatchObject({ maxPages: 1000, depth: 0, concurrency: 64, siteTimeout: 10, pageTimeout: 1, failOn: 'critical' });
  });
});

describe('severityRank', () => {
  it('orders severities lowest first', () => {
    expect(severities.map(severityRank)).toEqual([0, 1, 2, 3, 4]);
    expect(severityRank('info')).toBeLessThan(severityRank('low'));
    expect(severityRank('high')).toBeLessThan(severityRank('critical'));
    expect(severityRank('medium')).toBe(2);
  });
});
