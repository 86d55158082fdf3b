import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/store/migrations.js';
import { openStore } from '../../../src/store/open-store.js';
import { fingerprintRecords, recordSiteReport } from '../../../src/store/record.js';
import { migrate } from '../../../src/store/sqlite-store.js';
import type { Store } from '../../../src/store/types.js';
import { finding, night, nightly, runOf, SITE } from './store-fixtures.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const tempDb = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), 'pixel-audit-store-')), 'nested', 'history.db');

describe('SQLite store', () => {
  it('creates the file and its folder, applies every migration once, and records them', async () => {
    const path = await tempDb();
    store = await openStore(path);
    await store.close();
    store = await openStore(path); // a second open must not re-apply anything
    await store.close();
    const db = new Database(path, { readonly: true });
    const applied = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{ version: number; applied_at: string }>;
    db.close();
    expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    store = undefined;
  });

  it('refuses a store written by a newer version, and a missing store for reading', async () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', night(1));
    expect(() => migrate(db)).toThrow(UsageError);
    db.close();
    await expect(openStore(join(tmpdir(), 'pixel-audit-no-such-dir', 'x.db'), { mustExist: true })).rejects.toThrow(/no store there/);
    await expect(openStore('postgres://u:p@db/x')).rejects.toThrow(/PostgreSQL/);
  });

  it('keeps clean and failed scans, and one record per fingerprint with its time span and highest severity', async () => {
    store = await openStore(':memory:');
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
    store = await openStore(':memory:');
    await store.beginRun({ runId: runOf(1), startedAt: night(1), toolVersion: '0.1.0' });
    await recordSiteReport(store, runOf(1), nightly(1, 'failed'));
    await store.beginRun({ runId: runOf(1), startedAt: night(2), toolVersion: '0.1.0' });
    await recordSiteReport(store, runOf(1), nightly(1, 'ok', ['em']));
    const scans = await store.siteScans(SITE);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ status: 'ok', findingCount: 1 });
    expect((await store.run(runOf(1)))!.startedAt).toBe(night(1));
  });

  it('lists runs newest first', async () => {
    store = await openStore(':memory:');
    for (const d of [3, 1, 2]) await store.beginRun({ runId: runOf(d), startedAt: night(d), toolVersion: '0.1.0' });
    expect((await store.runs()).map((r) => r.runId)).toEqual([runOf(3), runOf(2), runOf(1)]);
  });

  it('collapses findings by fingerprint without mutating them', () => {
    const findings = [finding('b', night(1, 3)), finding('a', night(1, 2)), finding('b', night(1, 1), { severity: 'low' })];
    const records = fingerprintRecords(findings);
    expect(records.map((r) => [r.fingerprint, r.occurrences, r.firstSeenAt, r.lastSeenAt, r.severity])).toEqual([
      ['a', 1, night(1, 2), night(1, 2), 'high'], ['b', 2, night(1, 1), night(1, 3), 'high'],
    ]);
  });
});
