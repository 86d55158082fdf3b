import { describe, expect, it } from 'vitest';
import { BASELINE_SCHEMA_VERSION, baselineFileSchema, type BaselineFile } from '../../../src/baseline/schema.js';
import { mergeBaseline } from '../../../src/baseline/update.js';
import { UsageError } from '../../../src/config/errors.js';
import { EMAIL_GET, EMAIL_POST, entry, FINDINGS, UNKNOWN_CLEAR } from './baseline-fixture.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const file = (...entries: BaselineFile['entries']): BaselineFile => ({ schemaVersion: BASELINE_SCHEMA_VERSION, entries });
const facts = { reason: 'reviewed in ticket PRIV-12', owner: 'privacy@example.se', now: NOW };

describe('mergeBaseline', () => {
  it('keeps every existing entry as written and adds one per new fingerprint, with readable copies of what it accepts', () => {
    const old = entry({ fingerprint: EMAIL_GET.fingerprint, reason: 'DPA with Meta' });
    const stale = entry({ fingerprint: 'dddddddddddddddd', expires: '2026-01-01' });
    const { file: merged, added } = mergeBaseline(file(old, stale), [...FINDINGS, EMAIL_POST], facts);
    expect(merged.entries.slice(0, 2)).toEqual([old, stale]);
    // Added in a stable order (site, tracker, category, parameter): `meta-pixel` before `unknown`.
    expect(added.map((e) => e.fingerprint)).toEqual([EMAIL_POST.fingerprint, UNKNOWN_CLEAR.fingerprint]);
    expect(added[0]).toEqual({
      fingerprint: EMAIL_POST.fingerprint, site: EMAIL_POST.site, tracker: 'meta-pixel', dataCategory: 'email', parameter: 'body.form.ud[em]',
      transform: ['normalize:email', 'sha256', 'hex'], reason: 'reviewed in ticket PRIV-12', owner: 'privacy@example.se', acceptedAt: '2026-03-01',
    });
    expect(merged.entries).toHaveLength(4);
    expect(() => baselineFileSchema.parse(merged)).not.toThrow();
  });

  it('needs no reason when every finding already has an entry', () => {
    const existing = file(...FINDINGS.map((f) => entry({ fingerprint: f.fingerprint })));
    const { file: merged, added } = mergeBaseline(existing, FINDINGS, { now: NOW });
    expect(added).toEqual([]);
    expect(merged).toBe(existing);
  });

  it('refuses in one line, naming the missing flags, when new findings have no reason or owner', () => {
    expect(() => mergeBaseline(file(), FINDINGS, { now: NOW })).toThrow(UsageError);
    expect(() => mergeBaseline(file(), FINDINGS, { now: NOW })).toThrow(/3 finding\(s\) .* --baseline-reason and --baseline-owner are not given/);
    expect(() => mergeBaseline(file(), FINDINGS, { now: NOW, reason: 'x' })).toThrow(/--baseline-owner is not given/);
    try {
      mergeBaseline(file(), FINDINGS, { now: NOW });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('records --baseline-expires on the entries it adds, and adds a fingerprint seen twice once', () => {
    const { added } = mergeBaseline(file(), [EMAIL_GET, { ...EMAIL_GET, id: 'F-again' }], { ...facts, expires: '2026-12-31' });
    expect(added).toHaveLength(1);
    expect(added[0]!.expires).toBe('2026-12-31');
  });
});
