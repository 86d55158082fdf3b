import { describe, expect, it } from 'vitest';
import { parseScanFlags } from '../../../src/cli/parse-options.js';
import { UsageError } from '../../../src/config/errors.js';
import { defaultConcurrency, scanOptionsSchema } from '../../../src/config/options.js';
import { redactOptions } from '../../../src/report/manifest.js';

describe('options of nightly runs', () => {
  it('defaults --concurrency to the cores, at least 1 and at most 4', () => {
    expect([0, 1, 2, 3, 4, 8, 64].map((cores) => defaultConcurrency(cores))).toEqual([1, 1, 2, 3, 4, 4, 4]);
    expect(scanOptionsSchema.parse({ urls: ['x'] }).concurrency).toBe(defaultConcurrency());
    expect(parseScanFlags(['x'], { concurrency: '3' }).concurrency).toBe(3);
  });

  it('has no store for library callers, the path from --store, none from --no-store', () => {
    expect(scanOptionsSchema.parse({ urls: ['x'] }).store).toBeUndefined();
    expect(parseScanFlags(['x'], { store: './pixel-audit.db' }).store).toBe('./pixel-audit.db');
    expect(parseScanFlags(['x'], { store: false }).store).toBeUndefined();
  });

  it('takes an http(s) webhook only, names the flag when it is wrong, and never records it', () => {
    const options = parseScanFlags(['x'], { webhook: 'https://hooks.example.test/services/T0/B0/SECRET' });
    expect(redactOptions({ ...options }).webhook).toBe('[redacted]');
    expect(JSON.stringify(redactOptions({ ...options }))).not.toContain('SECRET');
    expect(() => parseScanFlags(['x'], { webhook: 'ftp://hooks.example.test/x' })).toThrow(UsageError);
    expect(() => parseScanFlags(['x'], { webhook: 'not a url' })).toThrow(/--webhook/);
  });
});
