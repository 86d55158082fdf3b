import { afterEach, describe, expect, it } from 'vitest';
import { copyStore } from '../../../src/store/copy-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { recordSiteReport } from '../../../src/store/record.js';
import type { Store } from '../../../src/store/types.js';
import { snapshotStore } from '../../helpers/store-snapshot.js';
import { night, nightly, runOf, SITE } from '../../helpers/store-fixtures.js';

const opened: Store[] = [];
const memory = async (): Promise<Store> => {
  const store = await openStore(':memory:');
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Day d's run with one site scan per [site, fingerprints]; ended unless `open`. */
async function recordNight(store: Store, d: number, sites: Array<[string, string[]]>, open = false): Promise<void> {
  await store.beginRun({ runId: runOf(d), startedAt: night(d), runDir: `/runs/${d}`, toolVersion: '0.1.0' });
  for (const [site, fps] of sites) await recordSiteReport(store, runOf(d), nightly(d, 'ok', fps, site));
  if (!open) await store.endRun(runOf(d), night(d, 9), anyFindings(sites) ? 1 : 0);
}
const anyFindings = (sites: Array<[string, string[]]>): boolean => sites.some(([, f]) => f.length > 0);

describe('copying one store into another', () => {
  it('copies every run, site scan and fingerprint; a second copy changes nothing', async () => {
    const from = await memory();
    await recordNight(from, 1, [[SITE, []], ['https://b.example', ['ph']]]);
    await recordNight(from, 2, [[SITE, ['em', 'ph']]]);
    await recordNight(from, 3, [[SITE, ['em']]], true);
    const to = await memory();
    expect(await copyStore(from, to)).toEqual({ runs: 3, siteScans: 4, fingerprints: 4 });
    const expected = await snapshotStore(from);
    expect(await snapshotStore(to)).toEqual(expected);
    await copyStore(from, to);
    expect(await snapshotStore(to)).toEqual(expected);
  });

  it('merges shards of one run: both parts\' sites, the start it had, open while the last part copied is, then the later end', async () => {
    const shardA = await memory();
    const shardB = await memory();
    await recordNight(shardA, 1, [[SITE, ['em']]]);
    await shardB.beginRun({ runId: runOf(1), startedAt: night(1, 1), toolVersion: '0.1.0' });
    await recordSiteReport(shardB, runOf(1), nightly(1, 'failed', [], 'https://b.example'));
    const merged = await memory();
    await copyStore(shardA, merged);
    await copyStore(shardB, merged);
    expect(await merged.run(runOf(1))).toMatchObject({ startedAt: night(1), endedAt: undefined });
    expect((await merged.runScans(runOf(1))).map((s) => [s.site, s.status, s.fingerprints.length])).toEqual([
      ['https://b.example', 'failed', 0], [SITE, 'ok', 1],
    ]);
    await shardB.endRun(runOf(1), night(1, 20), 3);
    await copyStore(shardB, merged);
    expect(await merged.run(runOf(1))).toMatchObject({ startedAt: night(1), endedAt: night(1, 20), exitCode: 3 });
    await copyStore(shardA, merged); // an earlier end does not move it back
    expect(await merged.run(runOf(1))).toMatchObject({ endedAt: night(1, 20), exitCode: 3 });
  });

  it('copies only the runs asked for', async () => {
    const from = await memory();
    for (const d of [1, 2, 3]) await recordNight(from, d, [[SITE, []]]);
    const to = await memory();
    expect(await copyStore(from, to, { runIds: [runOf(2)] })).toMatchObject({ runs: 1, siteScans: 1 });
    expect((await to.runs()).map((r) => r.runId)).toEqual([runOf(2)]);
  });
});
