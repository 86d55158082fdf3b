import type { Evidence } from '../evidence/schema.js';
import { hostOf } from '../shared/party.js';
import type { Fact } from '../judge/fact.js';
import type { Leak, Recipient } from './facts.js';

/** EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

/** True for a country of the European Economic Area: sending data there is no third-country transfer. */
export function isEea(country: string): boolean {
  return EEA.has(country.toUpperCase());
}

/**
 * Legal provisions a deviation can rest on. The id is language-neutral (in `notification.json`
 * and the control report's data); each language renders its own citation.
 */
export const provisionIds = [
  'gdpr-5-1-a', 'gdpr-5-1-f', 'gdpr-6-1', 'gdpr-9-1', 'gdpr-13', 'gdpr-25', 'gdpr-32-1', 'gdpr-44', 'gdpr-87',
  'eprivacy-5-3', 'se-lek-9-28', 'no-ekom-3-15', 'se-dsl-3-10', 'no-popplyl-12',
] as const;
export type ProvisionId = (typeof provisionIds)[number];

/** Kinds of deviation a scan can establish, each with the provisions it breaks. */
export const deviationKinds = ['security', 'lawfulness', 'by-design', 'before-consent', 'after-refusal', 'third-country', 'special-categories', 'national-id'] as const;
export type DeviationKind = (typeof deviationKinds)[number];

/** A deviation: what was found, which findings show it, and the provisions it breaks. */
export interface Deviation {
  kind: DeviationKind;
  provisions: ProvisionId[];
  /** Ids of the findings that establish it. */
  findingIds: string[];
  /** Recipients concerned (legal names, or hosts when unknown). */
  recipients: string[];
  /** For `third-country`: the countries outside the EEA. For `special-categories`: the words that suggest it. */
  details: string[];
}

/** Where the site's controller is: from `--controller`, else the site's country-code TLD (`.se`, `.no`). */
export function jurisdictionOf(site: string, controllerCountry?: string): 'SE' | 'NO' | undefined {
  const country = controllerCountry?.toUpperCase() ?? hostOf(site)?.split('.').at(-1)?.toUpperCase();
  return country === 'SE' || country === 'NO' ? country : undefined;
}

/**
 * Words in a page's URL, title, or a form's labels that suggest special categories of data
 * (Art. 9: health, sex life, religion, trade-union membership, ethnicity…) in English,
 * Swedish, Norwegian and Danish. A hint for the inspector, not a finding: the deviation says
 * "suggests".
 */
const SPECIAL_HINTS = /(health|medical|medicine|patient|clinic|therap|diagnos|pregnan|abortion|hiv|mental|psych|disab|religio|ethnic|union|sexual|häls|sjuk|vård|läkar|apotek|recept|terapi|graviditet|psykisk|funktionsneds|helse|sykdom|lege|legemiddel|resept|gravid|psykisk|fagforening|sundhed|religion)/i;

function specialHints(leaks: readonly Leak[], evidence: Evidence): string[] {
  const texts = new Set<string>();
  for (const leak of leaks) {
    const page = evidence.pages.find((p) => (p.finalUrl ?? p.url) === leak.finding.pageUrl || p.url === leak.finding.pageUrl);
    for (const text of [leak.finding.pageUrl, page?.title, ...(leak.form?.fields.map((f) => f.label) ?? [])]) {
      const m = text ? SPECIAL_HINTS.exec(text) : null;
      if (m) texts.add(m[0].toLowerCase());
    }
  }
  return [...texts];
}

const nameOf = (r: Recipient): string => r.vendor?.name ?? r.hosts.join(', ');

/**
 * The deviations the evidence establishes. Every leak to a third party breaks security
 * (5(1)(f), 32(1)), lawfulness (5(1)(a), 6(1)) and data protection by design (25); the
 * others depend on consent state, recipient country, data category and the form's purpose.
 */
export function deviationsOf(recipients: readonly Recipient[], evidence: Evidence, jurisdiction: 'SE' | 'NO' | undefined, facts: readonly Fact[] = []): Deviation[] {
  const leaks = recipients.flatMap((r) => r.leaks);
  const cookieRule: ProvisionId[] = jurisdiction === 'SE' ? ['eprivacy-5-3', 'se-lek-9-28']
    : jurisdiction === 'NO' ? ['eprivacy-5-3', 'no-ekom-3-15'] : ['eprivacy-5-3', 'se-lek-9-28', 'no-ekom-3-15'];
  // A tracker that loaded before a choice made later is a cookie-rule deviation even without a leak.
  const early = facts.filter((f) => f.kind === 'loaded-before-consent');
  const earlyDeviation = (findingIds: string[], names: string[]): Deviation => ({
    kind: 'before-consent', provisions: cookieRule, findingIds: [...findingIds, ...early.map((f) => f.id)],
    recipients: [...new Set([...names, ...early.map((f) => f.vendor?.name ?? f.trackerName)])], details: [],
  });
  if (!leaks.length) return early.length ? [earlyDeviation([], [])] : [];
  const ids = (ls: readonly Leak[]): string[] => ls.map((l) => l.finding.id);
  const whose = (ls: readonly Leak[]): string[] => recipients.filter((r) => r.leaks.some((l) => ls.includes(l))).map(nameOf);
  const out: Deviation[] = [
    { kind: 'security', provisions: ['gdpr-5-1-f', 'gdpr-32-1'], findingIds: ids(leaks), recipients: recipients.map(nameOf), details: [] },
    { kind: 'lawfulness', provisions: ['gdpr-5-1-a', 'gdpr-6-1'], findingIds: ids(leaks), recipients: recipients.map(nameOf), details: [] },
    { kind: 'by-design', provisions: ['gdpr-25'], findingIds: ids(leaks), recipients: recipients.map(nameOf), details: [] },
  ];
  const before = leaks.filter((l) => l.finding.consent === 'none');
  if (before.length || early.length) out.push(earlyDeviation(ids(before), whose(before)));
  const refused = leaks.filter((l) => l.finding.consent === 'rejected');
  if (refused.length) out.push({ kind: 'after-refusal', provisions: cookieRule, findingIds: ids(refused), recipients: whose(refused), details: [] });
  const abroad = recipients.filter((r) => r.thirdCountries.length);
  if (abroad.length) {
    out.push({
      kind: 'third-country', provisions: ['gdpr-44'], findingIds: ids(abroad.flatMap((r) => r.leaks)),
      recipients: abroad.map(nameOf), details: [...new Set(abroad.flatMap((r) => r.thirdCountries))],
    });
  }
  const hints = specialHints(leaks, evidence);
  if (hints.length) out.push({ kind: 'special-categories', provisions: ['gdpr-9-1'], findingIds: ids(leaks), recipients: recipients.map(nameOf), details: hints });
  const idLeaks = leaks.filter((l) => l.finding.dataCategory === 'national_id');
  if (idLeaks.length) {
    const national: ProvisionId[] = jurisdiction === 'SE' ? ['se-dsl-3-10'] : jurisdiction === 'NO' ? ['no-popplyl-12'] : ['se-dsl-3-10', 'no-popplyl-12'];
    out.push({ kind: 'national-id', provisions: ['gdpr-87', ...national], findingIds: ids(idLeaks), recipients: whose(idLeaks), details: [] });
  }
  return out;
}
