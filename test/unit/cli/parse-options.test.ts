import { describe, expect, it } from 'vitest';
import { parseScanFlags } from '../../../src/cli/parse-options.js';
import { defaultConcurrency } from '../../../src/config/options.js';
import { usageError } from '../../helpers/usage-error.js';


describe('parseScanFlags', () => {
  it('turns commander strings into typed options and renames flags to option keys', () => {
    const options = parseScanFlags(['https://www.example.se/'], {
      maxPages: '25', depth: '0', concurrency: ' 4 ', siteTimeout: '60', pageTimeout: '15',
      failOn: 'high', consent: 'reject', submit: 'never', persona: 'p.json', rules: 'my-rules',
      browser: '/usr/bin/chromium', case: 'IMY-2026-17', inspector: ['A. Andersson', 'B. Berg'],
      ignoreHttpsErrors: true, seed: 's1', out: 'out',
    });
    expect(options).toEqual({
      urls: ['https://www.example.se/'], out: 'out', consent: 'reject', submit: 'never',
      maxPages: 25, depth: 0, concurrency: 4, seed: 's1', personaFile: 'p.json', rulesDir: 'my-rules',
      failOn: 'high', ignoreHttpsErrors: true, browserPath: '/usr/bin/chromium', siteTimeout: 60,
      pageTimeout: 15, caseRef: 'IMY-2026-17', inspectors: ['A. Andersson', 'B. Berg'],
    });
  });

  it('applies the schema defaults for flags not given', () => {
    const options = parseScanFlags(['a.example'], {});
    expect(options).toMatchObject({ maxPages: 10, depth: 2, concurrency: defaultConcurrency(), failOn: 'low', submit: 'intercept', consent: 'none' });
  });

  it.each([
    ['maxPages', '--max-pages', 'ten'],
    ['maxPages', '--max-pages', '-1'],
    ['depth', '--depth', '1.5'],
    ['concurrency', '--concurrency', ''],
    ['siteTimeout', '--site-timeout', '3m'],
    ['pageTimeout', '--page-timeout', '1e3'],
  ] as const)('refuses a non-integer %s, naming %s and the value', (key, flag, value) => {
    const error = usageError(() => parseScanFlags(['a.example'], { [key]: value }));
    expect(error.message).toBe(`${flag}: expected a whole number (got ${JSON.stringify(value)})`);
  });

  it.each([
    ['maxPages', '--max-pages', '0'],
    ['depth', '--depth', '99'],
    ['concurrency', '--concurrency', '100'],
    ['siteTimeout', '--site-timeout', '5'],
    ['pageTimeout', '--page-timeout', '301'],
  ] as const)('refuses an out-of-range %s, naming %s and the value', (key, flag, value) => {
    const error = usageError(() => parseScanFlags(['a.example'], { [key]: value }));
    expect(error.message).toMatch(new RegExp(`^scan: ${flag}: .+ \\(got ${value}\\)$`));
  });

  it('refuses a bad --fail-on with a message naming --fail-on and the value', () => {
    const error = usageError(() => parseScanFlags(['a.example'], { failOn: 'severe' }));
    expect(error.message).toMatch(/^scan: --fail-on: .*\(got "severe"\)$/);
    expect(error.message).not.toContain('failOn');
  });

  it('names every bad flag, not only the first', () => {
    const error = usageError(() => parseScanFlags(['a.example'], { consent: 'maybe', failOn: 'severe' }));
    expect(error.message).toContain('scan: --consent:');
    expect(error.message).toContain('scan: --fail-on:');
    expect(error.message).not.toContain('failOn');
  });

  it('refuses a run with no URL, naming the <url...> argument', () => {
    const error = usageError(() => parseScanFlags([], {}));
    expect(error.message).toBe('scan: <url...>: give at least one URL (or --targets file) (got [])');
  });
});
