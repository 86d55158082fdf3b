import { describe, expect, it } from 'vitest';
import { parseScanOptions, scan } from '../../../src/api/scan.js';
import { analyze } from '../../../src/api/analyze.js';
import { UsageError } from '../../../src/config/errors.js';
import { defaultConcurrency } from '../../../src/config/options.js';

describe('the library API at the door', () => {
  it('applies the options schema: defaults filled, no history store unless one is named', () => {
    const options = parseScanOptions({ urls: ['https://www.example.se/'] });
    expect(options).toMatchObject({ out: 'pixel-audit-out', maxPages: 10, failOn: 'low', concurrency: defaultConcurrency() });
    expect(options.store).toBeUndefined();
  });

  it('turns a wrong option into a UsageError naming the field and the value, before any browser starts', async () => {
    await expect(scan({ urls: ['https://www.example.se/'], maxPages: 0 })).rejects.toThrow(UsageError);
    await expect(scan({ urls: ['https://www.example.se/'], maxPages: 0 })).rejects.toThrow(/^scan options: maxPages: .+ \(got 0\)$/);
    // A caller without types gets the same sentence.
    await expect(scan({ urls: ['https://www.example.se/'], failOn: 'severe' } as never)).rejects.toThrow(/^scan options: failOn: .+ \(got "severe"\)$/);
    await expect(scan({ urls: [] })).rejects.toThrow(/^scan options: urls: give at least one URL/);
  });

  it('analyze: one line for a path that is neither a bundle nor a HAR, and for a HAR without a persona', async () => {
    await expect(analyze('/nonexistent/bundle')).rejects.toThrow(new UsageError('/nonexistent/bundle: no such bundle folder or HAR file'));
    await expect(analyze('package.json')).rejects.toThrow(/^package\.json: /);
  });

  it('analyze: a persona given inline is validated like a persona file', async () => {
    await expect(analyze('package.json', { persona: { email: 'x' } as never })).rejects.toThrow(UsageError);
  });
});
