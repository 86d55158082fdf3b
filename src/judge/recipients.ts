import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Who owns a host, according to a tracker database. */
export interface RecipientInfo {
  /** The database's name for the tracker (`Hotjar`, `Google Marketing Platform`). */
  trackerName: string;
  /** Owning organisation as the database names it (`Hotjar`, `Google`). */
  organization: string;
  /** ISO country of the organisation, when the database records one. */
  country?: string;
  /** Where the answer came from, for the report's footnote. */
  source: 'ghostery-trackerdb';
}

/** Host → owner look-up; `undefined` when the database does not know the host. */
export type RecipientLookup = (host: string) => RecipientInfo | undefined;

interface TrackerDbJson {
  organizations: Record<string, { name: string; country?: string | null }>;
  patterns: Record<string, { name: string; organization?: string | null }>;
  domains: Record<string, string>;
}

/** Builds the look-up from the JSON export of @ghostery/trackerdb: the longest known suffix of the host wins. */
export function recipientLookupFrom(db: TrackerDbJson): RecipientLookup {
  return (host: string) => {
    const labels = host.toLowerCase().split('.');
    for (let i = 0; i < labels.length - 1; i += 1) {
      const patternKey = db.domains[labels.slice(i).join('.')];
      const pattern = patternKey ? db.patterns[patternKey] : undefined;
      if (!pattern) continue;
      const org = pattern.organization ? db.organizations[pattern.organization] : undefined;
      return {
        trackerName: pattern.name,
        organization: org?.name ?? pattern.name,
        ...(org?.country ? { country: org.country.toUpperCase() } : {}),
        source: 'ghostery-trackerdb',
      };
    }
    return undefined;
  };
}

let cached: Promise<RecipientLookup> | undefined;

/**
 * The look-up over the installed @ghostery/trackerdb (its JSON export, read once per process).
 * When the package cannot be read, every host is unknown: findings then name the registrable
 * domain, as they would for a host the database does not list.
 */
export function loadRecipientLookup(): Promise<RecipientLookup> {
  cached ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve('@ghostery/trackerdb');
      const file = join(dirname(entry), '..', 'trackerdb.json');
      return recipientLookupFrom(JSON.parse(await readFile(file, 'utf8')) as TrackerDbJson);
    } catch {
      return () => undefined;
    }
  })();
  return cached;
}
