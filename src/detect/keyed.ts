import type { DataCategory } from '../persona/schema.js';
import type { Variant, View } from './types.js';

/*
 * Short plain values under a key that names them. A postal code (`11350`), a country (`se`), a
 * gender (`f`) or a short city is far too common to search for anywhere (variants.ts), but
 * trackers do send them in clear under keys that say what they are: Google's enhanced
 * conversions `tv.1~…~pc0.11350~co0.se`, Meta's `ud[zp]` / `ud[country]` when a site passes
 * them unhashed. Such a *keyed* variant counts only as the whole value of a view whose path
 * ends in a key naming its category — never inside other text.
 *
 * The prefilter (prefilter.ts) cannot see keys, so each keyed value also yields *probe*
 * variants: the key and value side by side as the request's text holds them (`~pc0.11350`,
 * `[zp]=11350`, `"zp":"11350"`, and with the key's punctuation percent-encoded). A probe only
 * makes a request worth decoding; the hit comes from the keyed comparison on its views.
 */

/** Categories whose short (or, for gender and country, any) plain values are matched keyed. */
export const KEYED_CATEGORIES: ReadonlySet<DataCategory> = new Set<DataCategory>(['postal_code', 'country', 'gender', 'city', 'region']);

/** Google's `tv.1~` sub-keys and Meta's user-data keys, per category. */
const KEYS: Partial<Record<DataCategory, { google?: string; meta: string }>> = {
  postal_code: { google: 'pc0', meta: 'zp' },
  country: { google: 'co0', meta: 'country' },
  city: { google: 'ct0', meta: 'ct' },
  region: { google: 'rg0', meta: 'st' },
  gender: { meta: 'ge' },
};

const GOOGLE_KEY = /\.(pc0|co0|ct0|rg0)$/;
const META_KEY = /(?:^|\.)(?:ud|udff|aud|audff)\[(zp|country|ct|st|ge)\]$/;
const CATEGORY_OF_KEY = new Map<string, DataCategory>(
  Object.entries(KEYS).flatMap(([category, keys]) => [
    ...(keys.google ? [[keys.google, category as DataCategory] as const] : []),
    [keys.meta, category as DataCategory] as const,
  ]),
);

/** The category a view path's last key names, when it is one of the keys above. */
export function keyedCategory(path: string): DataCategory | undefined {
  // Asked of every view: a path can only match ending in `0` (Google) or in a letter and `]`
  // (Meta), which rules most out before either regex scans it (`[3]`, `.text`).
  const last = path.charCodeAt(path.length - 1);
  const before = path.charCodeAt(path.length - 2) - 0x61;
  if (last !== 0x30 && (last !== 0x5d || !(before >= 0 && before < 26))) return undefined;
  const key = GOOGLE_KEY.exec(path)?.[1] ?? META_KEY.exec(path)?.[1];
  return key === undefined ? undefined : CATEGORY_OF_KEY.get(key);
}

/** How keyed values are compared: case and spaces ignored (`113 50` is `11350`, `SE` is `se`). */
export const keyedForm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, '');

/** The probe texts of a keyed value of `category` (see above). */
export function probeTexts(category: DataCategory, value: string): string[] {
  const keys = KEYS[category];
  if (keys === undefined) return [];
  const v = keyedForm(value);
  // As sent, and with the key's punctuation percent-encoded (`ud%5Bzp%5D=…`, `%7Epc0.…`): the
  // prefilter decodes a segment at a time, and key and value are two segments.
  return [
    ...(keys.google ? [`~${keys.google}.${v}`, `%7e${keys.google}.${v}`, `"${keys.google}":"${v}"`] : []),
    `[${keys.meta}]=${v}`,
    `%5b${keys.meta}%5d=${v}`,
    `"${keys.meta}":"${v}"`,
  ];
}

/** Keyed variants whose value is the whole of a view with a key naming their category. */
export function keyedMatches(view: View, keyed: readonly Variant[]): Variant[] {
  if (keyed.length === 0 || view.text.length > 64) return [];
  const category = keyedCategory(view.path);
  if (category === undefined) return [];
  const text = keyedForm(view.text);
  return keyed.filter((v) => v.category === category && keyedForm(v.text) === text);
}
