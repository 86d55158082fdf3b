import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/report/run-summary.js';
import { diffRuns, newSincePrevious } from '../../src/store/diff.js';
import { incidentPeriods, periodsByFingerprint } from '../../src/store/periods.js';
import { recordSiteReport, siteScanOf } from '../../src/store/record.js';
import type { Store } from '../../src/store/types.js';
import { night, nightly, runOf, SITE } from './store-fixtures.js';

/**
 * The history half of the store contract: incident periods (the notification's), consent passes
 * and `diff`, computed from what the driver stored. `current` is the test's fresh store.
 */
export function historyContract(current: () => Store): void {
  /** Records one nightly scan per entry: day d, status, fingerprints seen. */
  async function nights(...scans: Array<[number, SiteSummary['status'], string[]]>): Promise<void> {
    for (const [d, status, fingerprints] of scans) {
      await current().beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
      await recordSiteReport(current(), runOf(d), nightly(d, status, fingerprints));
      await current().endRun(runOf(d), night(d, 6));
    }
  }

  describe('incident periods', () => {
    it('clean → leak → leak → clean → leak: two periods, bounded by the clean scans, the latest unresolved', async () => {
      await nights([1, 'ok', []], [2, 'ok', ['em']], [3, 'ok', ['em']], [4, 'ok', []], [5, 'ok', ['em']]);
      const em = (await incidentPeriods(current(), SITE)).get('em')!;
      expect(em.periods).toEqual([
        {
          firstSeenAt: night(2, 2), lastSeenAt: night(3, 2), firstRunId: runOf(2), lastRunId: runOf(3), scans: 2,
          lastCleanBeforeAt: night(1, 0), lastCleanBeforeRunId: runOf(1), resolvedAt: night(4, 5), resolvedRunId: runOf(4),
        },
        {
          firstSeenAt: night(5, 2), lastSeenAt: night(5, 2), firstRunId: runOf(5), lastRunId: runOf(5), scans: 1,
          lastCleanBeforeAt: night(4, 0), lastCleanBeforeRunId: runOf(4), resolvedAt: undefined, resolvedRunId: undefined,
        },
      ]);
      // The whole history: first seen ever, the clean scan before it, last seen, still leaking.
      expect(em).toMatchObject({ firstSeenAt: night(2, 2), lastCleanBeforeAt: night(1, 0), lastSeenAt: night(5, 2), scans: 3 });
      expect(em.resolvedAt).toBeUndefined();
    });

    it('a leak that stopped is resolved at the end of the first clean scan after it', async () => {
      await nights([1, 'ok', []], [2, 'ok', ['em', 'ph']], [3, 'ok', ['ph']]);
      const periods = await incidentPeriods(current(), SITE);
      expect(periods.get('em')).toMatchObject({ firstSeenAt: night(2, 2), lastSeenAt: night(2, 2), resolvedAt: night(3, 5), resolvedRunId: runOf(3) });
      expect(periods.get('ph')).toMatchObject({ firstSeenAt: night(2, 2), lastSeenAt: night(3, 2), lastCleanBeforeAt: night(1, 0) });
      expect(periods.get('ph')!.resolvedAt).toBeUndefined();
    });

    it('never takes a failed scan as clean, nor a partial one as proof that the leak stopped', async () => {
      await nights([1, 'ok', []], [2, 'failed', []], [3, 'ok', ['em']], [4, 'failed', []], [5, 'partial', []], [6, 'ok', ['em']]);
      const em = (await incidentPeriods(current(), SITE)).get('em')!;
      expect(em.periods).toHaveLength(1);
      expect(em).toMatchObject({ lastCleanBeforeAt: night(1, 0), lastCleanBeforeRunId: runOf(1), firstSeenAt: night(3, 2), lastSeenAt: night(6, 2) });
      expect(em.resolvedAt).toBeUndefined();
    });

    it('has no clean scan before a leak seen on the very first successful scan', async () => {
      await nights([1, 'failed', []], [2, 'partial', ['em']], [3, 'ok', []]);
      const em = (await incidentPeriods(current(), SITE)).get('em')!;
      expect(em.lastCleanBeforeAt).toBeUndefined();
      expect(em).toMatchObject({ firstSeenAt: night(2, 2), resolvedAt: night(3, 5) });
    });

    it('is empty for a site that was only ever clean, and keys other sites apart', async () => {
      await nights([1, 'ok', []], [2, 'ok', []]);
      expect((await incidentPeriods(current(), SITE)).size).toBe(0);
      expect((await incidentPeriods(current(), 'https://other.example')).size).toBe(0);
    });
  });

  describe('consent passes and the scan being judged', () => {
    /** One run on day d with a --consent all pass per entry: [pass, status, fingerprints]. */
    async function passes(d: number, ...list: Array<['none' | 'accept' | 'reject', SiteSummary['status'], string[]]>): Promise<void> {
      await current().beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
      for (const [pass, status, fps] of list) {
        const report = nightly(d, status, fps);
        report.summary.consent = pass;
        await recordSiteReport(current(), runOf(d), report, 'all');
      }
    }

    it('counts the passes of one run as one look: seen in any pass, clean only when every pass completed without it', async () => {
      await passes(1, ['none', 'ok', []], ['accept', 'ok', []], ['reject', 'ok', []]);
      await passes(2, ['none', 'ok', []], ['accept', 'ok', ['em']], ['reject', 'ok', []]);
      await passes(3, ['none', 'ok', []], ['accept', 'failed', []], ['reject', 'ok', []]);
      await passes(4, ['none', 'ok', []], ['accept', 'ok', []], ['reject', 'ok', []]);
      expect(await current().siteScans(SITE)).toHaveLength(12);
      const em = (await incidentPeriods(current(), SITE)).get('em')!;
      expect(em.periods).toHaveLength(1);
      expect(em).toMatchObject({ lastCleanBeforeRunId: runOf(1), firstRunId: runOf(2), lastRunId: runOf(2), resolvedRunId: runOf(4) });
      const d23 = await diffRuns(current(), runOf(2), runOf(3));
      expect('missing' in d23 ? undefined : d23.notAssessed.map((f) => f.fingerprint)).toEqual(['em']);
    });

    it('includes a scan not recorded yet, and gives the notification its strict shape', async () => {
      await nights([1, 'ok', []], [2, 'ok', ['em']]);
      const pending = siteScanOf(runOf(3), nightly(3, 'ok', ['em', 'ph']));
      const periods = await incidentPeriods(current(), SITE, pending);
      expect(periods.get('em')).toMatchObject({ firstRunId: runOf(2), lastRunId: runOf(3), lastSeenAt: night(3, 2) });
      expect(periodsByFingerprint(periods)).toEqual({
        em: { firstSeenAt: night(2, 2), lastSeenAt: night(3, 2), lastCleanBeforeAt: night(1, 0) },
        ph: { firstSeenAt: night(3, 2), lastSeenAt: night(3, 2), lastCleanBeforeAt: night(2, 0) },
      });
    });
  });

  describe('diff and new findings', () => {
    it('sorts fingerprints into new, resolved, unchanged; a failed or partial B assesses nothing', async () => {
      await nights([1, 'ok', ['em', 'ph']], [2, 'ok', ['ph', 'fn']], [3, 'partial', ['fn']], [4, 'failed', []]);
      const d12 = await diffRuns(current(), runOf(1), runOf(2));
      if ('missing' in d12) throw new Error('run missing');
      expect(d12.new.map((f) => f.fingerprint)).toEqual(['fn']);
      expect(d12.resolved.map((f) => f.fingerprint)).toEqual(['em']);
      expect(d12.unchanged.map((f) => f.fingerprint)).toEqual(['ph']);
      expect(d12.notAssessed).toEqual([]);
      expect(d12.new[0]!.site).toBe(SITE);
      const d23 = await diffRuns(current(), runOf(2), runOf(3));
      if ('missing' in d23) throw new Error('run missing');
      expect(d23.resolved).toEqual([]);
      expect(d23.notAssessed.map((f) => f.fingerprint)).toEqual(['ph']);
      const d34 = await diffRuns(current(), runOf(3), runOf(4));
      if ('missing' in d34) throw new Error('run missing');
      expect(d34.notAssessed.map((f) => f.fingerprint)).toEqual(['fn']);
      expect(await diffRuns(current(), runOf(1), 'nope')).toEqual({ missing: 'nope' });
    });

    it('new since the previous scan of the site that did not fail; everything on a first scan', async () => {
      await nights([1, 'ok', ['em']]);
      expect((await newSincePrevious(current(), runOf(1))).map((f) => f.fingerprint)).toEqual(['em']);
      await nights([2, 'failed', []], [3, 'ok', ['em', 'ph']]);
      expect((await newSincePrevious(current(), runOf(3))).map((f) => f.fingerprint)).toEqual(['ph']);
      await nights([4, 'ok', ['em', 'ph']]);
      expect(await newSincePrevious(current(), runOf(4))).toEqual([]);
    });
  });
}
