import { describe, expect, it } from 'vitest';
import { fingerprintRecords } from '../../../src/store/record.js';
import { finding, night } from '../../helpers/store-fixtures.js';

describe('fingerprint records', () => {
  it('collapses findings by fingerprint without mutating them', () => {
    const findings = [finding('b', night(1, 3)), finding('a', night(1, 2)), finding('b', night(1, 1), { severity: 'low' })];
    const before = structuredClone(findings);
    const records = fingerprintRecords(findings);
    expect(records.map((r) => [r.fingerprint, r.occurrences, r.firstSeenAt, r.lastSeenAt, r.severity])).toEqual([
      ['a', 1, night(1, 2), night(1, 2), 'high'], ['b', 2, night(1, 1), night(1, 3), 'high'],
    ]);
    expect(findings).toEqual(before);
  });
});
