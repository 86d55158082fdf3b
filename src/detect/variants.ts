/*
 * FALSE-POSITIVE POLICY
 * A hit must never be a coincidence, so:
 * - A plain (unhashed) variant shorter than MIN_PLAIN_LENGTH (6) characters is not generated:
 *   gender `f`, country `se` or a 5-digit postal code would match in every request.
 * - Gender and country are low-entropy categories: they are searched hashed only (a plain
 *   `female` appears on countless pages that never saw the persona).
 * - Hashed variants are always kept, whatever the input length: a digest is unambiguous.
 * - Typed prefixes (keystroke leaks) are plain only, and not made of city and region: their
 *   prefixes are other place names (`Stockholm` of `Stockholms län`). detect.ts counts a
 *   prefix only when it is a whole view (the value a field held while being typed).
 * - Short postal codes, countries, genders, cities and regions are matched only *keyed*: as the
 *   whole value of a parameter whose key names the category (keyed.ts: Google's `pc0`/`co0`,
 *   Meta's `ud[zp]`, …).
 * - The matcher adds a token-boundary rule (see matcher.ts): a plain match may not sit inside
 *   a longer alphanumeric run, a digest not inside a longer run of its own alphabet.
 *
 * NAMING AND DEDUPLICATION
 * Chains read first to last: `["raw"]`, `["normalize:email"]`, `["url"]` (URL-encoding of the
 * raw value), `["normalize:email","sha256","hex"]`, `["normalize:email","md5","hex","sha256",
 * "hex"]` (sha256 over md5's hex digest). When two variants have the same text, the one with
 * fewer encoding/hash steps wins; on a tie the one generated first — except that a typed
 * prefix and a whole value of *another* field are both kept (`johanna`, prefix of the e-mail
 * and the first name): detect.ts decides between them from what was being typed. Generation order is: plain
 * raw, plain normalised, hashed normalised, hashed raw, prefixes — so a plain value reads
 * `["raw"]`, while a digest reads `["normalize:email","sha256","hex"]` even when the typed
 * e-mail was already lower case. That keeps a finding's chain stable from persona to persona.
 */
import { createHash } from 'node:crypto';
import type { DataCategory, Persona } from '../persona/schema.js';
import { KEYED_CATEGORIES, keyedForm, probeTexts } from './keyed.js';
import { normalizeValue, type Normalized, type NormalizeContext } from './normalize.js';
import type { Variant } from './types.js';

/** Plain variants shorter than this are not generated (see the policy above). */
export const MIN_PLAIN_LENGTH = 6;

/** Hash functions applied to every base form, named as node:crypto names them. */
export const HASH_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-256'] as const;

/** Hashes chained two deep (inner hex digest hashed again): the ones vendors actually chain. */
const CHAIN_ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;

/** Categories searched hashed only. */
const HASHED_ONLY: ReadonlySet<DataCategory> = new Set<DataCategory>(['gender', 'country']);

/** One persona value and where it comes from. */
export interface PersonaSource {
  field: string;
  category: DataCategory;
  value: string;
  /** Typed key by key into a form, and distinctive enough that a prefix of it is evidence. */
  prefixes: boolean;
}

/** Options of {@link buildVariants}. */
export interface VariantOptions {
  /** Also generate typed prefixes (keystroke leaks), plain only. Default false. */
  prefixes?: boolean;
}

/** The persona's values, each mapped to its data category. */
export function personaSources(p: Persona): PersonaSource[] {
  const s = (field: string, category: DataCategory, value: string, prefixes: boolean): PersonaSource =>
    ({ field, category, value, prefixes });
  return [
    s('email', 'email', p.email, true),
    s('phone', 'phone', p.phone, true),
    s('phoneE164', 'phone', p.phoneE164, false),
    s('firstName', 'first_name', p.firstName, true),
    s('lastName', 'last_name', p.lastName, true),
    s('fullName', 'full_name', `${p.firstName} ${p.lastName}`, true),
    s('gender', 'gender', p.gender, false),
    s('dateOfBirth', 'date_of_birth', p.dateOfBirth, false),
    s('streetAddress', 'street_address', p.streetAddress, true),
    s('postalCode', 'postal_code', p.postalCode, true),
    s('city', 'city', p.city, false),
    s('region', 'region', p.region, false),
    s('country', 'country', p.country, false),
    ...Object.entries(p.nationalIds).map(([cc, id]) => s(`nationalIds.${cc}`, 'national_id', id, true)),
    s('password', 'password', p.password, true),
    s('message', 'free_text', p.message, true),
  ];
}

const unpad = (b64: string): string => b64.replace(/=+$/, '');
const b64 = (buf: Buffer): string => unpad(buf.toString('base64'));
const b64url = (buf: Buffer): string => buf.toString('base64url');
const digest = (algo: string, text: string): Buffer => createHash(algo).update(text, 'utf8').digest();

/** Collects variants, keeping one per searched text (see the deduplication rule above). */
class VariantSet {
  readonly list: Variant[] = [];
  private readonly rank: number[] = [];
  private readonly byKey = new Map<string, number>();

  add(src: PersonaSource, transform: string[], text: string, hashed: boolean, caseSensitive: boolean, prefix = false): void {
    if (!hashed && text.length < MIN_PLAIN_LENGTH) return;
    const folded = caseSensitive ? `s:${text}` : `i:${text.toLowerCase()}`;
    // A prefix of one field may be the whole value of another: keep both (see above). Prefixes
    // come last, so the other is already in.
    const other = prefix ? this.byKey.get(folded) : undefined;
    const key = other !== undefined && this.list[other]!.field !== src.field ? `p${folded}` : folded;
    const rank = transform.filter((t) => t !== 'raw' && !t.startsWith('normalize:')).length;
    const variant: Variant = { text, field: src.field, category: src.category, transform, hashed, caseSensitive, prefix };
    this.insert(key, variant, rank);
  }

  /** A variant under a key of its own (keyed values and probes never displace a searched text). */
  addSpecial(key: string, variant: Variant): void {
    this.insert(key, variant, 0);
  }

  private insert(key: string, variant: Variant, rank: number): void {
    const at = this.byKey.get(key);
    if (at === undefined) {
      this.byKey.set(key, this.list.length);
      this.list.push(variant);
      this.rank.push(rank);
    } else if (rank < this.rank[at]!) {
      this.list[at] = variant;
      this.rank[at] = rank;
    }
  }
}

/** A base form's chain prefix: the raw value contributes no step to a longer chain. */
const lead = (form: Normalized): string[] => (form.steps[0] === 'raw' ? [] : form.steps);

function addPlain(set: VariantSet, src: PersonaSource, form: Normalized): void {
  const steps = lead(form);
  const t = form.text;
  const bytes = Buffer.from(t, 'utf8');
  set.add(src, form.steps, t, false, false);
  const url = encodeURIComponent(t);
  if (url !== t) set.add(src, [...steps, 'url'], url, false, false);
  if (t.includes(' ')) set.add(src, [...steps, 'url-plus'], url.replace(/%20/g, '+'), false, false);
  // Beacons base64 whole payloads; a lone value is base64'd by a few session recorders.
  set.add(src, [...steps, 'base64'], b64(bytes), false, true);
  set.add(src, [...steps, 'base64url'], b64url(bytes), false, true);
  set.add(src, [...steps, 'hex'], bytes.toString('hex'), false, false);
}

function addHashed(set: VariantSet, src: PersonaSource, form: Normalized): void {
  const steps = lead(form);
  for (const algo of HASH_ALGORITHMS) {
    const d = digest(algo, form.text);
    const hex = d.toString('hex');
    set.add(src, [...steps, algo, 'hex'], hex, true, true);
    set.add(src, [...steps, algo, 'hex-upper'], hex.toUpperCase(), true, true);
    // base64url before base64: when both texts coincide, name it as Google sends it.
    set.add(src, [...steps, algo, 'base64url'], b64url(d), true, true);
    set.add(src, [...steps, algo, 'base64'], b64(d), true, true);
  }
  for (const inner of CHAIN_ALGORITHMS) {
    const innerHex = digest(inner, form.text).toString('hex');
    for (const outer of CHAIN_ALGORITHMS) {
      set.add(src, [...steps, inner, 'hex', outer, 'hex'], digest(outer, innerHex).toString('hex'), true, true);
    }
    set.add(src, [...steps, inner, 'hex', 'base64'], b64(Buffer.from(innerHex, 'latin1')), true, true);
  }
}

function addPrefixes(set: VariantSet, src: PersonaSource): void {
  const v = src.value;
  for (let len = MIN_PLAIN_LENGTH; len < v.length; len++) {
    const last = v.charCodeAt(len - 1);
    // A prefix ending in a space adds nothing over the one before; never split a surrogate pair.
    if (last === 0x20 || (last >= 0xd800 && last <= 0xdbff)) continue;
    set.add(src, ['prefix'], v.slice(0, len), false, false, true);
  }
}

/** Keyed variants (keyed.ts) of the short forms of a value, and their probes. */
function addKeyed(set: VariantSet, src: PersonaSource, forms: Normalized[]): void {
  const seen = new Set<string>();
  for (const form of forms) {
    const text = keyedForm(form.text);
    if (text.length === 0 || seen.has(text) || (text.length >= MIN_PLAIN_LENGTH && !HASHED_ONLY.has(src.category))) continue;
    seen.add(text);
    const base = { field: src.field, category: src.category, transform: form.steps, hashed: false, caseSensitive: false, prefix: false };
    set.addSpecial(`k:${src.field}:${text}`, { ...base, text, keyed: true });
    for (const probe of probeTexts(src.category, text)) set.addSpecial(`q:${probe}`, { ...base, text: probe, probe: true });
  }
}

/**
 * Every searchable variant of a persona's values: raw and vendor-normalised, each plain
 * (identity, URL-encoded, base64, base64url, hex) and hashed (seven algorithms, four
 * renderings, and chains two deep), deduplicated by searched text. With `prefixes`, also the
 * typed prefixes (≥ {@link MIN_PLAIN_LENGTH} characters) of values typed into forms. Short
 * place, postal, country and gender values come as keyed variants and probes (keyed.ts).
 */
export function buildVariants(persona: Persona, options: VariantOptions = {}): Variant[] {
  const set = new VariantSet();
  const sources = personaSources(persona);
  const ctxOf = (src: PersonaSource): NormalizeContext => ({
    country: persona.country,
    phoneE164: persona.phoneE164,
    ...(src.field.startsWith('nationalIds.') ? { idCountry: src.field.slice('nationalIds.'.length) } : {}),
  });
  const raw = (src: PersonaSource): Normalized => ({ steps: ['raw'], text: src.value });
  const norms = sources.map((src) => normalizeValue(src.category, src.value, ctxOf(src)));
  const plain = sources.map((src) => !HASHED_ONLY.has(src.category));

  sources.forEach((src, i) => plain[i] && addPlain(set, src, raw(src)));
  sources.forEach((src, i) => plain[i] && norms[i]!.forEach((form) => addPlain(set, src, form)));
  sources.forEach((src, i) => norms[i]!.forEach((form) => addHashed(set, src, form)));
  sources.forEach((src, i) => {
    // Hash the raw value only when no normalisation already produced the same text.
    if (!norms[i]!.some((form) => form.text === src.value)) addHashed(set, src, raw(src));
  });
  sources.forEach((src, i) => KEYED_CATEGORIES.has(src.category) && addKeyed(set, src, [...norms[i]!, raw(src)]));
  if (options.prefixes === true) sources.forEach((src) => src.prefixes && addPrefixes(set, src));
  return set.list;
}
