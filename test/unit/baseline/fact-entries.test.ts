import { describe, expect, it } from 'vitest';
import { acceptFacts, acceptJudged, baselineOutcome, type Baseline } from '../../../src/baseline/apply.js';
import { BASELINE_SCHEMA_VERSION, baselineFileSchema, type BaselineFile } from '../../../src/baseline/schema.js';
import { mergeBaseline } from '../../../src/baseline/update.js';
import { describeZodError, UsageError } from '../../../src/config/errors.js';
import { factFingerprint } from '../../../src/judge/fact.js';
import { SITE } from '../../helpers/evidence-builder.js';
import { AAM, EMAIL_GET, entry, factEntry, FINDINGS, PIXEL_ID } from './baseline-fixture.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const baseline = (...entries: Baseline['entries']): Baseline => ({ file: 'pixel-audit.baseline.json', entries });
const file = (...entries: BaselineFile['entries']): BaselineFile => ({ schemaVersion: BASELINE_SCHEMA_VERSION, entries });
const given = { reason: 'processor agreement DPA-2026-14 with Meta', owner: 'privacy@example.se', now: NOW };

describe('fact entries in the baseline file', () => {
  it('reads finding entries written without a kind (version 1 as it was) next to fact entries', () => {
    const parsed = baselineFileSchema.parse(file(entry({ fingerprint: EMAIL_GET.fingerprint }), factEntry({ fingerprint: AAM.fingerprint! })));
    expect(parsed.entries[0]).not.toHaveProperty('kind');
    expect(parsed.entries[1]).toMatchObject({ kind: 'fact', factKind: 'automatic-advanced-matching', accountId: '1234567890' });
    expect(() => baselineFileSchema.parse(file({ ...entry({ fingerprint: EMAIL_GET.fingerprint }), kind: 'finding' }))).not.toThrow();
  });

  it('names the field of a bad fact entry, and an unknown kind', () => {
    const { factKind: _kind, ...noKind } = factEntry({ fingerprint: AAM.fingerprint! });
    const missing = baselineFileSchema.safeParse(file(noKind as never));
    expect(describeZodError(missing.error!, 'b.json')).toMatch(/^b\.json: entries\.0\.factKind: /);
    const bogus = { schemaVersion: 1, entries: [{ ...factEntry({ fingerprint: AAM.fingerprint! }), kind: 'setting' }] };
    expect(describeZodError(baselineFileSchema.safeParse(bogus).error!, 'b.json', bogus))
      .toBe('b.json: entries.0.kind: expected "kind": "fact" for a fact entry, or no kind (or "finding") for a finding entry (got "setting")');
    // One fingerprint may not have two entries, whatever their kinds.
    const twice = baselineFileSchema.safeParse(file(entry({ fingerprint: AAM.fingerprint! }), factEntry({ fingerprint: AAM.fingerprint! })));
    expect(twice.error?.issues[0]?.message).toBe('a second entry for this fingerprint');
  });
});

describe('accepting facts', () => {
  it('marks the fact a live fact entry names, keeps every fact, and leaves findings to finding entries', () => {
    const b = baseline(factEntry({ fingerprint: AAM.fingerprint!, expires: '2026-12-31' }), entry({ fingerprint: PIXEL_ID.fingerprint! }));
    const out = acceptFacts([AAM, PIXEL_ID], SITE, b, NOW);
    expect(out[0]!.accepted).toEqual({
      reason: 'processor agreement DPA-2026-14 with Meta', owner: 'privacy@example.se', acceptedAt: '2026-02-01', expires: '2026-12-31',
      baselineFile: 'pixel-audit.baseline.json',
    });
    // A *finding* entry with the fact's fingerprint does not accept the fact.
    expect(out[1]!.accepted).toBeUndefined();
    const judged = acceptJudged({ site: SITE, findings: FINDINGS, facts: [AAM, PIXEL_ID] }, b, NOW);
    expect(judged.findings.filter((f) => f.accepted)).toEqual([]);
    expect(judged.facts.filter((f) => f.accepted).map((f) => f.id)).toEqual([AAM.id]);
  });

  it('an expired fact entry accepts nothing; a fact judged before fingerprints existed is matched by its computed one', () => {
    expect(acceptFacts([AAM], SITE, baseline(factEntry({ fingerprint: AAM.fingerprint!, expires: '2026-02-28' })), NOW)[0]!.accepted).toBeUndefined();
    const { fingerprint: _fp, ...old } = AAM;
    const computed = factFingerprint(SITE, old);
    expect(acceptFacts([old], SITE, baseline(factEntry({ fingerprint: computed })), NOW)[0]!.accepted).toBeDefined();
  });

  it('counts accepted facts, and makes a fact entry stale or expired as a finding entry', () => {
    const entries = [
      factEntry({ fingerprint: AAM.fingerprint! }),
      factEntry({ fingerprint: '1111111111111111', factKind: 'loaded-before-consent', accountId: undefined }),
      factEntry({ fingerprint: '2222222222222222', factKind: 'enhanced-conversions', expires: '2026-01-31' }),
    ];
    const facts = acceptFacts([AAM, PIXEL_ID], SITE, baseline(...entries), NOW);
    const outcome = baselineOutcome(baseline(...entries), [{ site: SITE, status: 'ok', findings: [], facts }], NOW);
    expect(outcome).toMatchObject({ accepted: 0, acceptedFacts: 1 });
    expect(outcome.stale.map((e) => e.fingerprint)).toEqual(['1111111111111111']);
    expect(outcome.expired.map((e) => e.fingerprint)).toEqual(['2222222222222222']);
    // A partial scan proves nothing about a configuration being gone.
    expect(baselineOutcome(baseline(...entries), [{ site: SITE, status: 'partial', findings: [], facts: [] }], NOW).stale).toEqual([]);
  });
});

describe('--update-baseline and facts', () => {
  it('adds one fact entry per new fact with a severity, after the finding entries, with readable copies', () => {
    const { file: merged, added } = mergeBaseline(file(), [EMAIL_GET], { ...given, failOn: 'low' }, [{ site: SITE, facts: [AAM, PIXEL_ID] }]);
    expect(added.map((e) => e.fingerprint)).toEqual([EMAIL_GET.fingerprint, AAM.fingerprint]);
    expect(added[1]).toEqual({
      kind: 'fact', fingerprint: AAM.fingerprint, site: SITE, factKind: 'automatic-advanced-matching', tracker: 'meta-pixel', accountId: '1234567890',
      reason: given.reason, owner: given.owner, acceptedAt: '2026-03-01',
    });
    expect(() => baselineFileSchema.parse(merged)).not.toThrow();
    // A second run adds nothing; the same fact seen by another consent pass is added once.
    expect(mergeBaseline(merged, [EMAIL_GET], { now: NOW }, [{ site: SITE, facts: [AAM] }]).added).toEqual([]);
    expect(mergeBaseline(file(), [], given, [{ site: SITE, facts: [AAM] }, { site: SITE, facts: [AAM] }]).added).toHaveLength(1);
  });

  it('an info fact (a pixel id in use) gets an entry only at --fail-on info, the only threshold it fails a run at', () => {
    expect(mergeBaseline(file(), [], { ...given, failOn: 'low' }, [{ site: SITE, facts: [PIXEL_ID] }]).added).toEqual([]);
    expect(mergeBaseline(file(), [], { ...given, failOn: 'info' }, [{ site: SITE, facts: [PIXEL_ID] }]).added.map((e) => e.fingerprint)).toEqual([PIXEL_ID.fingerprint]);
  });

  it('new facts without a reason are refused like new findings, counted in the one line', () => {
    expect(() => mergeBaseline(file(), [], { now: NOW }, [{ site: SITE, facts: [AAM] }])).toThrow(UsageError);
    expect(() => mergeBaseline(file(), [EMAIL_GET], { now: NOW }, [{ site: SITE, facts: [AAM] }]))
      .toThrow(/^--update-baseline: 1 finding\(s\) and 1 configuration fact\(s\) have no baseline entry/);
  });
});
