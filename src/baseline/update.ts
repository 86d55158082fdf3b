import { UsageError } from '../config/errors.js';
import type { Severity } from '../config/options.js';
import type { Fact } from '../judge/fact.js';
import type { Finding } from '../judge/finding.js';
import { fingerprintOfFact } from './apply.js';
import { isFactEntry, type BaselineEntry, type BaselineFile, type FactEntry, type FindingEntry } from './schema.js';

/** What `--update-baseline` records on the entries it adds. */
export interface NewEntryFacts {
  /** `--baseline-reason` */
  reason?: string;
  /** `--baseline-owner` */
  owner?: string;
  /** `--baseline-expires` */
  expires?: string;
  /** `--fail-on` of the run: `info` facts (a pixel id in use) get entries only at `info`. */
  failOn?: Severity;
  now: Date;
}

/** The configuration facts of one site (its origin), as `mergeBaseline` takes them. */
export interface SiteFacts {
  site: string;
  facts: readonly Fact[];
}

type Given = NewEntryFacts & { reason: string; owner: string };

const acceptance = (facts: Given) => ({
  reason: facts.reason,
  owner: facts.owner,
  acceptedAt: facts.now.toISOString().slice(0, 10),
  ...(facts.expires ? { expires: facts.expires } : {}),
});

/**
 * The entry that accepts a finding, with readable copies of what its fingerprint stands for.
 * Written without `kind`, as finding entries always were.
 */
export function entryFor(finding: Finding, facts: Given): FindingEntry {
  return {
    fingerprint: finding.fingerprint,
    site: finding.site,
    tracker: finding.tracker,
    dataCategory: finding.dataCategory,
    parameter: finding.parameter,
    transform: [...finding.transform],
    ...acceptance(facts),
  };
}

/** The entry that accepts a configuration fact of `site`, with readable copies of its kind, tracker and account id. */
export function factEntryFor(fact: Fact, site: string, facts: Given): FactEntry {
  return {
    kind: 'fact',
    fingerprint: fingerprintOfFact(fact, site),
    site,
    factKind: fact.kind,
    tracker: fact.tracker,
    ...(fact.accountId ? { accountId: fact.accountId } : {}),
    ...acceptance(facts),
  };
}

/**
 * Facts `--update-baseline` adds entries for: those that can fail a run. An `info` fact (a
 * pixel or tag id in use: `tracker-account`) is no deviation and fails a run only at
 * `--fail-on info`, so only then does it get an entry; an entry for every id in use would
 * otherwise go stale whenever a tag is replaced.
 */
export const needsEntry = (fact: Fact, failOn: Severity | undefined): boolean => fact.severity !== 'info' || failOn === 'info';

/** What an entry accepts, for sorting: finding entries by category and parameter, fact entries by kind and account. */
const label = (e: BaselineEntry): string => (isFactEntry(e) ? `${e.factKind}|${e.accountId ?? ''}` : `${e.dataCategory}|${e.parameter}`);

/** Per site, finding entries first, then fact entries; each by tracker and what it accepts. */
const order = (a: BaselineEntry, b: BaselineEntry): number =>
  a.site.localeCompare(b.site) || Number(isFactEntry(a)) - Number(isFactEntry(b)) || a.tracker.localeCompare(b.tracker)
  || label(a).localeCompare(label(b)) || a.fingerprint.localeCompare(b.fingerprint);

/**
 * Merges a run's findings and configuration facts into a baseline: every existing entry is kept
 * as written (reason, owner, dates — expired and stale ones too: removing or renewing one is a
 * reviewer's edit), and one entry is added per fingerprint not yet in it (facts: see
 * {@link needsEntry}), sorted after the existing ones. New entries need a reason and an owner;
 * without them this throws a UsageError and nothing is written.
 */
export function mergeBaseline(
  existing: BaselineFile, findings: readonly Finding[], facts: NewEntryFacts, sites: readonly SiteFacts[] = [],
): { file: BaselineFile; added: BaselineEntry[] } {
  const known = new Set(existing.entries.map((e) => e.fingerprint));
  const fresh = new Map<string, Finding>();
  for (const f of findings) if (!known.has(f.fingerprint) && !fresh.has(f.fingerprint)) fresh.set(f.fingerprint, f);
  const freshFacts = new Map<string, { fact: Fact; site: string }>();
  for (const { site, facts: list } of sites) {
    for (const fact of list.filter((f) => needsEntry(f, facts.failOn))) {
      const fingerprint = fingerprintOfFact(fact, site);
      if (!known.has(fingerprint) && !freshFacts.has(fingerprint)) freshFacts.set(fingerprint, { fact, site });
    }
  }
  if (!fresh.size && !freshFacts.size) return { file: existing, added: [] };
  const { reason, owner } = facts;
  if (!reason || !owner) {
    const missing = [!reason && '--baseline-reason', !owner && '--baseline-owner'].filter(Boolean).join(' and ');
    const what = [fresh.size && `${fresh.size} finding(s)`, freshFacts.size && `${freshFacts.size} configuration fact(s)`].filter(Boolean).join(' and ');
    throw new UsageError(
      `--update-baseline: ${what} have no baseline entry to keep a reason from, and ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not given; the baseline was not written`,
      'give --baseline-reason "why it is accepted" --baseline-owner "who answers for it" (the scan\'s bundles are kept)',
    );
  }
  const given = { ...facts, reason, owner };
  const added = [
    ...[...fresh.values()].map((f) => entryFor(f, given)),
    ...[...freshFacts.values()].map(({ fact, site }) => factEntryFor(fact, site, given)),
  ].sort(order);
  return { file: { ...existing, entries: [...existing.entries, ...added] }, added };
}
