import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { parseTarget } from '../../config/targets.js';
import { openStore, DEFAULT_STORE } from '../../store/open-store.js';
import { mergePasses } from '../../store/passes.js';
import { fingerprintHistories, type FingerprintHistory } from '../../store/periods.js';
import type { FingerprintRecord, SiteScan, Store } from '../../store/types.js';

/** `meta-pixel  email  query.ud[em]  normalize:email → sha256 → hex  (high)` */
export function describeFingerprint(f: FingerprintRecord): string {
  return `${f.tracker}  ${f.dataCategory}  ${f.parameter}  ${f.transform.join(' → ') || 'as typed'}  (${f.severity})`;
}

/** The origin a user means by `www.example.se`, `https://www.example.se/x` or the origin itself. */
export function siteOf(arg: string): string {
  const parsed = parseTarget(arg);
  return 'error' in parsed ? arg : parsed.url.origin;
}

/** Finds the stored site the argument names, or says which sites the store knows. */
export async function resolveSite(store: Store, arg: string): Promise<string> {
  const site = siteOf(arg);
  const known = await store.sites();
  if (known.includes(site)) return site;
  const near = known.filter((k) => k.includes(arg.replace(/^https?:\/\//, '').replace(/\/.*$/, '')));
  const list = (near.length ? near : known).slice(0, 5).join(', ');
  throw new UsageError(`no scan of ${site} in ${store.location}`, known.length ? `the store knows: ${list}${known.length > 5 ? ', …' : ''}` : 'the store is empty: run a scan with --store first');
}

function formatHistory(site: string, location: string, scans: SiteScan[], histories: FingerprintHistory[]): string {
  const counts = ['ok', 'partial', 'failed'].map((s) => [s, scans.filter((x) => x.status === s).length] as const).filter(([, n]) => n);
  const lines = [
    `${site} — ${scans.length} scan(s) in ${location} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')}), ${scans[0]?.startedAt} … ${scans.at(-1)?.startedAt}`,
  ];
  if (!histories.length) {
    // A failed scan saw nothing: "no finding" is only said when a scan completed.
    const ok = scans.filter((x) => x.status === 'ok').length;
    lines.push('', ok ? `✓ no finding in any scan (${ok} completed)` : '? no finding, but no scan completed either: nothing can be said');
  }
  for (const h of histories) {
    lines.push('', `${h.resolvedAt ? '✓ resolved' : '✗ leaking'}  ${describeFingerprint(h.latest)}  [${h.fingerprint}]`);
    lines.push(`    first seen   ${h.firstSeenAt}  (run ${h.firstRunId})`);
    lines.push(`    last seen    ${h.lastSeenAt}  (run ${h.lastRunId}; seen in ${h.scans} scan(s))`);
    lines.push(h.lastCleanBeforeAt
      ? `    last clean   ${h.lastCleanBeforeAt}  (run ${h.lastCleanBeforeRunId}): the leak began between this scan and the first sighting`
      : '    last clean   none: no successful scan without it came before the first sighting');
    lines.push(h.resolvedAt
      ? `    resolved     ${h.resolvedAt}  (run ${h.resolvedRunId}): absent in a later successful scan`
      : '    resolved     no: no successful scan since the last sighting was without it');
    if (h.periods.length > 1) {
      const spans = h.periods.map((p) => `${p.firstSeenAt} – ${p.resolvedAt ? `resolved ${p.resolvedAt}` : 'still leaking'}`);
      lines.push(`    periods      ${h.periods.length} (the leak stopped and came back): ${spans.join('; ')}`);
    }
  }
  return lines.join('\n');
}

export function registerHistory(program: Command, setExit: (code: number) => void): void {
  program
    .command('history')
    .description("a site's findings over time: first and last seen, the last clean scan before, resolved")
    .argument('<site>', 'site as scanned: https://www.example.se, or www.example.se')
    .option('--store <path>', 'history store: SQLite file or postgres:// URL', DEFAULT_STORE)
    .option('--json', 'print the history as JSON on stdout')
    .action(async (arg: string, flags: { store: string; json?: boolean }) => {
      const store = await openStore(flags.store, { mustExist: true });
      try {
        const site = await resolveSite(store, arg);
        // One line per run: the consent passes of `--consent all` are one look at the site.
        const scans = mergePasses(await store.siteScans(site));
        // Still leaking first, then by what leaked: the order a reader acts on.
        const histories = [...fingerprintHistories(scans).values()].sort((x, y) =>
          Number(Boolean(x.resolvedAt)) - Number(Boolean(y.resolvedAt)) || describeFingerprint(x.latest).localeCompare(describeFingerprint(y.latest)));
        if (flags.json) {
          const json = {
            site, store: store.location,
            scans: scans.map(({ fingerprints, ...scan }) => ({ ...scan, fingerprints: fingerprints.map((f) => f.fingerprint) })),
            fingerprints: histories.map((h) => ({ ...h, resolved: Boolean(h.resolvedAt) })),
          };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          process.stdout.write(`${formatHistory(site, store.location, scans, histories)}\n`);
        }
        setExit(0);
      } finally {
        await store.close();
      }
    });
}
