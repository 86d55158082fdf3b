import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordSiteReport } from '../../src/store/record.js';
import type { FingerprintRecord, Store } from '../../src/store/types.js';
import { historyContract } from './store-contract-history.js';
import { finding, night, nightly, runOf, SITE } from './store-fixtures.js';

/** The store a contract test works on (a fresh, empty one per test). */
export type CurrentStore = () => Store;

/**
 * What every `Store` driver must do, the same way: SQLite runs it in `test/unit/store`,
 * PostgreSQL in `test/integration/postgres-store.test.ts`. `open` returns a fresh, empty store
 * for each test; the suite closes it.
 */
export function storeContract(open: () => Promise<Store>): void {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const current: CurrentStore = () => store!;
  recordContract(current);
  historyContract(current);
}

const fingerprint = (id: string, over: Partial<FingerprintRecord> = {}): FingerprintRecord => ({
  fingerprint: id, tracker: 'meta-pixel', dataCategory: 'email', parameter: `query.ud[${id}]`, transform: ['sha256', 'hex'],
  severity: 'high', recipientHost: 'www.facebook.com', firstSeenAt: night(1, 2), lastSeenAt: night(1, 3), occurrences: 1, ...over,
});

function recordContract(current: CurrentStore): void {
  describe('records', () => {
    it('keeps clean and failed scans, and one record per fingerprint with its time span and highest severity', async () => {
      const store = current();
      await store.beginRun({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0' });
      const report = nightly(1, 'ok', ['em']);
      report.findings.push(finding('em', night(1, 4), { severity: 'critical', parameter: 'body.form.udff[em]' }));
      report.findings.push(finding('ph', night(1, 3), { dataCategory: 'phone' }));
      await recordSiteReport(store, runOf(1), report);
      await recordSiteReport(store, runOf(1), nightly(1, 'ok', [], 'https://clean.example'));
      await recordSiteReport(store, runOf(1), nightly(1, 'failed', [], 'https://down.example'));
      await store.endRun(runOf(1), night(1, 9), 1);

      expect(await store.run(runOf(1))).toMatchObject({ runId: runOf(1), endedAt: night(1, 9), exitCode: 1 });
      expect(await store.sites()).toEqual(['https://clean.example', 'https://down.example', SITE]);
      const scans = await store.runScans(runOf(1));
      expect(scans.map((s) => [s.site, s.status, s.fingerprints.length])).toEqual([
        ['https://clean.example', 'ok', 0], ['https://down.example', 'failed', 0], [SITE, 'ok', 2],
      ]);
      const em = scans[2]!.fingerprints.find((f) => f.fingerprint === 'em')!;
      expect(em).toMatchObject({ occurrences: 2, firstSeenAt: night(1, 2), lastSeenAt: night(1, 4), severity: 'critical', transform: ['normalize:email', 'sha256', 'hex'] });
    });

    it('replaces a site recorded twice in the same run (a resumed run re-records it)', async () => {
      const store = current();
      await store.beginRun({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0' });
      await recordSiteReport(store, runOf(1), nightly(1, 'failed'));
      await store.endRun(runOf(1), night(1, 9), 3);
      await store.beginRun({ runId: runOf(1), startedAt: night(2), runDir: '/runs/1', toolVersion: '0.1.1' });
      await recordSiteReport(store, runOf(1), nightly(1, 'ok', ['em']));
      const scans = await store.siteScans(SITE);
      expect(scans).toHaveLength(1);
      expect(scans[0]).toMatchObject({ status: 'ok', findingCount: 1 });
      expect(scans[0]!.fingerprints.map((f) => f.fingerprint)).toEqual(['em']);
      // The first start is kept; the resumed run is open again until it ends.
      expect(await store.run(runOf(1))).toEqual({ runId: runOf(1), startedAt: night(1), runDir: '/runs/1', toolVersion: '0.1.1', endedAt: undefined, exitCode: undefined });
    });

    it('reads back every field as written: absent ones as undefined, text as given', async () => {
      const store = current();
      expect(await store.run('nope')).toBeUndefined();
      expect(await store.runScans('nope')).toEqual([]);
      await store.beginRun({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0' });
      const scan = { runId: runOf(1), site: 'https://bücher.example', consent: 'none', input: 'bücher.example', status: 'partial' as const,
        error: "page /offert: timed out; 'quoted' \"twice\"", startedAt: night(1), endedAt: night(1, 5), findingCount: 2 };
      const fps = [fingerprint('a', { transform: ['normalize:name', 'sha256', 'base64'], parameter: 'body.json.user["e-mail"]' }), fingerprint('b', { occurrences: 7, severity: 'low' })];
      await store.recordSiteScan(scan, fps);
      expect(await store.siteScans('https://bücher.example')).toEqual([{ ...scan, bundle: undefined, fingerprints: fps }]);
      expect(await store.run(runOf(1))).toEqual({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0', endedAt: undefined, runDir: undefined, exitCode: undefined });
    });

    it('records a scan with many fingerprints whole, and replaces them whole', async () => {
      const store = current();
      await store.beginRun({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0' });
      const many = Array.from({ length: 1203 }, (_, i) => fingerprint(`fp-${String(i).padStart(4, '0')}`));
      const scan = { runId: runOf(1), site: SITE, consent: 'none', input: SITE, status: 'ok' as const, startedAt: night(1), endedAt: night(1, 5), findingCount: many.length };
      await store.recordSiteScan(scan, many);
      expect((await store.runScans(runOf(1)))[0]!.fingerprints.map((f) => f.fingerprint)).toEqual(many.map((f) => f.fingerprint));
      await store.recordSiteScan({ ...scan, findingCount: 1 }, [fingerprint('only')]);
      expect((await store.runScans(runOf(1)))[0]!.fingerprints.map((f) => f.fingerprint)).toEqual(['only']);
    });

    it('refuses a site scan of a run that was never begun, and records nothing of it', async () => {
      const store = current();
      await expect(store.recordSiteScan({ runId: 'ghost', site: SITE, consent: 'none', input: SITE, status: 'ok', startedAt: night(1), endedAt: night(1, 5), findingCount: 1 }, [fingerprint('a')])).rejects.toThrow();
      expect(await store.sites()).toEqual([]);
    });

    it('lists runs newest first, and sites in byte order (upper case before lower)', async () => {
      const store = current();
      for (const d of [3, 1, 2]) await store.beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
      expect((await store.runs()).map((r) => r.runId)).toEqual([runOf(3), runOf(2), runOf(1)]);
      expect((await store.runs(2)).map((r) => r.runId)).toEqual([runOf(3), runOf(2)]);
      for (const site of ['https://b.example', 'https://a-b.example', 'https://B.example', 'https://ab.example']) {
        await recordSiteReport(store, runOf(1), nightly(1, 'ok', [], site));
      }
      expect(await store.sites()).toEqual(['https://B.example', 'https://a-b.example', 'https://ab.example', 'https://b.example']);
    });
  });
}
