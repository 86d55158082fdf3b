import type { RunRecord, SiteScan, Store } from '../../src/store/types.js';

/** Everything a store holds, read through the interface: two stores with equal snapshots answer every query alike. */
export interface StoreSnapshot {
  runs: RunRecord[];
  sites: string[];
  bySite: Record<string, SiteScan[]>;
  byRun: Record<string, SiteScan[]>;
}

export async function snapshotStore(store: Store): Promise<StoreSnapshot> {
  const runs = await store.runs(Number.MAX_SAFE_INTEGER);
  const sites = await store.sites();
  const bySite = Object.fromEntries(await Promise.all(sites.map(async (s) => [s, await store.siteScans(s)] as const)));
  const byRun = Object.fromEntries(await Promise.all(runs.map(async (r) => [r.runId, await store.runScans(r.runId)] as const)));
  return { runs, sites, bySite, byRun };
}
