import { describe, expect, it } from 'vitest';
import { parseScanFlags } from '../../../src/cli/parse-options.js';
import { UsageError } from '../../../src/config/errors.js';

describe('baseline flags', () => {
  it('become options under the schema names', () => {
    const options = parseScanFlags(['https://www.example.se/'], {
      baseline: 'b.json', updateBaseline: true, baselineReason: ' DPA-2026-14 ', baselineOwner: 'privacy@example.se', baselineExpires: '2026-12-31',
    });
    expect(options).toMatchObject({ baseline: 'b.json', updateBaseline: true, baselineReason: 'DPA-2026-14', baselineOwner: 'privacy@example.se', baselineExpires: '2026-12-31' });
    expect(parseScanFlags(['https://www.example.se/'], {})).not.toHaveProperty('updateBaseline');
  });

  it('a bad value is one line naming the flag', () => {
    expect(() => parseScanFlags(['a.example'], { baselineExpires: 'next year' })).toThrow(UsageError);
    expect(() => parseScanFlags(['a.example'], { baselineExpires: 'next year' })).toThrow(/^scan: --baseline-expires: expected a date YYYY-MM-DD \(got "next year"\)$/);
    expect(() => parseScanFlags(['a.example'], { baselineReason: '  ' })).toThrow(/--baseline-reason/);
  });
});
