import type { CapturedRequest, Evidence, FieldRecord, FormRecord, TimelineAction } from '../evidence/schema.js';
import type { Finding } from '../judge/finding.js';
import type { DataCategory } from '../persona/schema.js';
import { isEea } from './legal.js';

/**
 * The facts every report states, computed once from the bundle: each finding with the form,
 * field, request and scanner action behind it, and the findings grouped by recipient. The
 * HTML, the notification draft and the control report only lay these out.
 */

/** One finding with the evidence records it points to. */
export interface Leak {
  finding: Finding;
  request?: CapturedRequest;
  /** Index of the request in `evidence.json#/requests`. */
  requestIndex?: number;
  /** Scanner action the request followed. */
  action?: TimelineAction;
  /** Form being filled when the request left, if any. */
  form?: FormRecord;
  /** Field of that form the value was typed into, if one was. */
  field?: FieldRecord;
}

/** One legal entity (or unknown host) and everything it received. */
export interface Recipient {
  /** Rule id (`meta-pixel`) or `unknown`. */
  tracker: string;
  trackerName: string;
  vendor?: Finding['vendor'];
  hosts: string[];
  accountIds: string[];
  /** Countries outside the EEA the data went to or may be accessed from (vendor, parent). */
  thirdCountries: string[];
  /** False when no rule names the legal entity: its country is unknown. */
  known: boolean;
  categories: Array<{ category: DataCategory; hashes: string[]; inClear: boolean }>;
  leaks: Leak[];
}

/** Most identifying first: the order a reader should meet categories in. */
export const CATEGORY_ORDER: DataCategory[] = [
  'national_id', 'email', 'phone', 'first_name', 'last_name', 'full_name', 'date_of_birth', 'street_address',
  'postal_code', 'city', 'region', 'country', 'gender', 'password', 'free_text',
];

const HASH_STEP = /^(md5|sha\d+|sha3-\d+)$/;

/** The hash functions of a transform chain, as readers name them: `SHA-256`, `MD5`, `SHA3-256`. */
export function hashNames(transform: readonly string[]): string[] {
  return transform.filter((t) => HASH_STEP.test(t)).map((t) =>
    t.toUpperCase().replace(/^SHA(\d+)$/, 'SHA-$1').replace(/^SHA3-(\d+)$/, 'SHA3-$1'));
}

function formFor(request: CapturedRequest | undefined, finding: Finding, evidence: Evidence): { action?: TimelineAction; form?: FormRecord } {
  const action = request?.afterAction == null ? undefined : evidence.timeline.find((a) => a.seq === request.afterAction);
  if (request?.afterAction != null) {
    // The last action at or before the request that belongs to a form names the form being filled.
    const withForm = [...evidence.timeline].reverse().find((a) => a.seq <= request.afterAction! && a.formId && a.pageUrl === (request.pageUrl ?? a.pageUrl));
    const form = withForm ? evidence.forms.find((f) => f.id === withForm.formId) : undefined;
    if (form) return { action, form };
  }
  const byShot = finding.evidence.screenshot ? evidence.forms.find((f) => f.screenshot === finding.evidence.screenshot) : undefined;
  return { action, form: byShot };
}

/** Each finding with its request, action, form and field. */
export function leaksOf(evidence: Evidence, findings: readonly Finding[]): Leak[] {
  const index = new Map(evidence.requests.map((r, i) => [r.id, i]));
  return findings.map((finding) => {
    const requestIndex = index.get(finding.requestId);
    const request = requestIndex === undefined ? undefined : evidence.requests[requestIndex];
    const { action, form } = formFor(request, finding, evidence);
    const field = form?.fields.find((f) => f.personaField === finding.personaField)
      ?? form?.fields.find((f) => f.category === finding.dataCategory);
    return { finding, request, requestIndex, action, form, field };
  });
}

/** Countries outside the EEA that a vendor or its parent sits in. */
export function thirdCountriesOf(vendor: Finding['vendor']): string[] {
  if (!vendor) return [];
  const countries = [vendor.country, vendor.parent?.country].filter((c): c is string => !!c && !isEea(c));
  return [...new Set(countries)];
}

/** Findings grouped by receiving legal entity (or by host when no rule knows it), in order of first leak. */
export function recipientsOf(leaks: readonly Leak[]): Recipient[] {
  const groups = new Map<string, Leak[]>();
  for (const leak of leaks) {
    const f = leak.finding;
    const key = f.vendor ? `${f.tracker}|${f.vendor.name}` : `${f.tracker}|${f.recipientHost}`;
    groups.set(key, [...(groups.get(key) ?? []), leak]);
  }
  return [...groups.values()].map((group) => {
    const f0 = group[0]!.finding;
    const categories = CATEGORY_ORDER.filter((c) => group.some((l) => l.finding.dataCategory === c)).map((category) => {
      const of = group.filter((l) => l.finding.dataCategory === category);
      return {
        category,
        hashes: [...new Set(of.flatMap((l) => hashNames(l.finding.transform)))],
        inClear: of.some((l) => !l.finding.hashed),
      };
    });
    return {
      tracker: f0.tracker,
      trackerName: f0.trackerName,
      vendor: f0.vendor,
      hosts: [...new Set(group.map((l) => l.finding.recipientHost))],
      accountIds: [...new Set(group.map((l) => l.finding.accountId).filter((a): a is string => !!a))],
      thirdCountries: thirdCountriesOf(f0.vendor),
      known: !!f0.vendor,
      categories,
      leaks: group,
    };
  });
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The forms that leaked, each with its page, in the order met. */
export function leakingForms(leaks: readonly Leak[]): FormRecord[] {
  return distinct(leaks.map((l) => l.form).filter((f): f is FormRecord => !!f));
}

/** Path of a URL for compact display (`/offert`), the URL itself when it does not parse. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** `2026-11-23 10:58:35 UTC` from an ISO time: what a reader of a report expects. */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
