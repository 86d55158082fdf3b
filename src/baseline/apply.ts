import { factFingerprint, type Fact } from '../judge/fact.js';
import type { Acceptance, Finding, FindingsFile } from '../judge/finding.js';
import { isFactEntry, type BaselineEntry, type BaselineOutcome } from './schema.js';

/** A baseline as a run uses it: its entries and the file they came from (as given). */
export interface Baseline {
  file: string;
  entries: readonly BaselineEntry[];
}

/** One site of a run, as the stale test needs it. */
export interface ScannedSite {
  site?: string;
  status: 'ok' | 'failed' | 'partial';
  findings: readonly Finding[];
  /** Its configuration facts: fact entries are stale when none of them matches. */
  facts?: readonly Fact[];
}

const DAY_MS = 86_400_000;

/** The first moment an entry no longer accepts: the day after a date, or the time given. */
export function expiryMoment(entry: Pick<BaselineEntry, 'expires'>): number | undefined {
  if (!entry.expires) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(entry.expires) ? Date.parse(`${entry.expires}T00:00:00Z`) + DAY_MS : Date.parse(entry.expires);
}

export function isExpired(entry: Pick<BaselineEntry, 'expires'>, now: Date): boolean {
  const end = expiryMoment(entry);
  return end !== undefined && now.getTime() >= end;
}

function acceptanceOf(entry: BaselineEntry, file: string): Acceptance {
  return { reason: entry.reason, owner: entry.owner, acceptedAt: entry.acceptedAt, ...(entry.expires ? { expires: entry.expires } : {}), baselineFile: file };
}

/** Live (not expired) entries of one kind, by fingerprint. */
function liveEntries(baseline: Baseline, facts: boolean, now: Date): Map<string, BaselineEntry> {
  return new Map(baseline.entries.filter((e) => isFactEntry(e) === facts && !isExpired(e, now)).map((e) => [e.fingerprint, e]));
}

/**
 * Marks each finding whose fingerprint a live (not expired) finding entry names as accepted; every
 * finding is returned, accepted or not: acceptance never hides one. Acceptances from an earlier
 * baseline (a re-analysed bundle) are replaced by this one's.
 */
export function acceptFindings(findings: readonly Finding[], baseline: Baseline, now: Date): Finding[] {
  const live = liveEntries(baseline, false, now);
  return findings.map(({ accepted: _earlier, ...finding }) => {
    const entry = live.get(finding.fingerprint);
    return entry ? { ...finding, accepted: acceptanceOf(entry, baseline.file) } : finding;
  });
}

/** A fact's fingerprint: its own, or for a fact judged before facts had one, computed the same way. */
export const fingerprintOfFact = (fact: Fact, site: string): string => fact.fingerprint ?? factFingerprint(site, fact);

/** As {@link acceptFindings}, for the configuration facts of one site (`site`: its origin) and fact entries. */
export function acceptFacts(facts: readonly Fact[], site: string, baseline: Baseline, now: Date): Fact[] {
  const live = liveEntries(baseline, true, now);
  return facts.map(({ accepted: _earlier, ...fact }) => {
    const entry = live.get(fingerprintOfFact(fact, site));
    return entry ? { ...fact, accepted: acceptanceOf(entry, baseline.file) } : fact;
  });
}

/** A judged site with its findings and facts marked by the baseline (nothing dropped). */
export function acceptJudged<T extends Pick<FindingsFile, 'site' | 'findings' | 'facts'>>(judged: T, baseline: Baseline, now: Date): T {
  return { ...judged, findings: acceptFindings(judged.findings, baseline, now), facts: acceptFacts(judged.facts, judged.site, baseline, now) };
}

/** True when a finding or fact does not count towards `--fail-on`. */
export const isAccepted = (item: { accepted?: unknown }): boolean => item.accepted !== undefined;

/**
 * The baseline's outcome over a whole run. A failed or partial scan of a site proves nothing
 * about a leak (or a configuration) being gone, so only sites whose every pass was `ok` make
 * entries stale; an expired entry is reported as expired, never as stale.
 */
export function baselineOutcome(baseline: Baseline, sites: readonly ScannedSite[], now: Date): BaselineOutcome {
  const inRun = new Set<string>();
  const notFull = new Set<string>();
  const seen = new Set<string>();
  let accepted = 0;
  let acceptedFacts = 0;
  for (const s of sites) {
    if (!s.site || s.status === 'failed') {
      if (s.site) notFull.add(s.site);
      continue;
    }
    inRun.add(s.site);
    if (s.status !== 'ok') notFull.add(s.site);
    for (const f of s.findings) {
      seen.add(f.fingerprint);
      if (isAccepted(f)) accepted += 1;
    }
    for (const f of s.facts ?? []) {
      seen.add(fingerprintOfFact(f, s.site));
      if (isAccepted(f)) acceptedFacts += 1;
    }
  }
  const forRun = baseline.entries.filter((e) => inRun.has(e.site));
  return {
    file: baseline.file,
    accepted,
    acceptedFacts,
    stale: forRun.filter((e) => !notFull.has(e.site) && !isExpired(e, now) && !seen.has(e.fingerprint)),
    expired: forRun.filter((e) => isExpired(e, now)),
  };
}
