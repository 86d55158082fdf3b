import type { DataCategory } from '../persona/schema.js';

/**
 * Vendor normalisations (WIRE.md): what a tracker does to a value before hashing it. Each
 * normalisation is named; the name goes into a variant's transform chain, so a reader can
 * recompute the value by hand. Every normalisation is a function of the *typed* value
 * (it includes its own trim and lower-casing); a two-step chain such as
 * `["normalize:name-no-punct", "normalize:name-ascii-fold"]` applies them in order.
 */
export interface Normalized {
  /** Normalisation names, first to last. */
  steps: string[];
  text: string;
}

/** What some normalisations need beyond the value itself. */
export interface NormalizeContext {
  /** The persona's country, ISO 3166-1 alpha-2 upper case (`SE`). */
  country: string;
  /** The persona's phone in E.164 (`+46701234567`): the national forms derive from it. */
  phoneE164?: string;
  /** Country of the national id being normalised (`SE` for `nationalIds.SE`). */
  idCountry?: string;
}

/**
 * Country calling codes of the countries the persona generator supports, and some
 * neighbours. Unknown countries fall back to inferring the national number from the
 * typed phone (see {@link nationalSignificantNumber}).
 */
const CALLING_CODES: Record<string, string> = {
  SE: '46', NO: '47', DK: '45', FI: '358', DE: '49', GB: '44', US: '1', CA: '1', IS: '354',
  NL: '31', BE: '32', FR: '33', ES: '34', IT: '39', AT: '43', CH: '41', PL: '48', IE: '353',
  EE: '372', LV: '371', LT: '370', PT: '351', AU: '61',
};

const digitsOnly = (s: string): string => s.replace(/\D+/g, '');
const lower = (s: string): string => s.trim().toLowerCase();

/** Letters some vendors fold that NFD does not decompose. */
const EXTRA_FOLDS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i',
};

/**
 * Folds diacritics to ASCII (`Öberg` → `Oberg`, `Søren` → `Soren`), as vendors that
 * "remove special characters" do.
 */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßđðłþı]/gi, (ch) => {
      const folded = EXTRA_FOLDS[ch.toLowerCase()] ?? ch;
      return ch === ch.toLowerCase() ? folded : folded.toUpperCase();
    });
}

/**
 * The national significant number of a phone (E.164 without country code), e.g.
 * `+46701234567` → `701234567`. Uses the calling code of `country` when the E.164 starts
 * with it; otherwise infers it from the typed form (`070-123 45 67` ends the E.164 digits
 * once its trunk `0` is dropped).
 */
export function nationalSignificantNumber(typed: string, e164: string, country: string): string | undefined {
  const full = digitsOnly(e164);
  const code = CALLING_CODES[country];
  if (code !== undefined && full.startsWith(code) && full.length > code.length + 3) {
    return full.slice(code.length);
  }
  const local = digitsOnly(typed);
  if (local.startsWith('0') && local.length > 4 && full.endsWith(local.slice(1))) return local.slice(1);
  if (local.length > 4 && local.length < full.length && full.endsWith(local)) return local;
  return undefined;
}

function emailForms(value: string): Normalized[] {
  const email = lower(value);
  const out: Normalized[] = [{ steps: ['normalize:email'], text: email }];
  // Google's canonical form (dots and +tag dropped) only holds for Gmail addresses.
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (at > 0 && (domain === 'gmail.com' || domain === 'googlemail.com')) {
    const local = email.slice(0, at).split('+')[0]!.replace(/\./g, '');
    out.push({ steps: ['normalize:email-gmail'], text: `${local}@${domain}` });
  }
  return out;
}

function phoneForms(value: string, ctx: NormalizeContext): Normalized[] {
  const out: Normalized[] = [{ steps: ['normalize:phone-digits'], text: digitsOnly(value) }];
  const e164 = ctx.phoneE164 ?? (value.trim().startsWith('+') ? `+${digitsOnly(value)}` : undefined);
  if (e164 === undefined) return out;
  out.push({ steps: ['normalize:phone-e164'], text: `+${digitsOnly(e164)}` });
  out.push({ steps: ['normalize:phone-e164-digits'], text: digitsOnly(e164) });
  const nsn = nationalSignificantNumber(value, e164, ctx.country);
  if (nsn !== undefined) {
    // Both: Meta hashes the digits as typed, which keep the trunk 0 in SE/FI/DE/GB forms.
    out.push({ steps: ['normalize:phone-national-digits'], text: `0${nsn}` });
    out.push({ steps: ['normalize:phone-no-trunk-zero'], text: nsn });
  }
  return out;
}

/** Lower-case, then fold diacritics, and each of the two without punctuation and spaces. */
function textForms(value: string, kind: string, noPunct: 'no-punct' | 'no-space' | null): Normalized[] {
  const base = lower(value);
  const out: Normalized[] = [
    { steps: [`normalize:${kind}-lower`], text: base },
    { steps: [`normalize:${kind}-ascii-fold`], text: asciiFold(base) },
  ];
  if (noPunct !== null) {
    const name = `normalize:${kind}-${noPunct}`;
    const stripped = noPunct === 'no-punct' ? base.replace(/[^\p{L}\p{N}]+/gu, '') : base.replace(/\s+/g, '');
    out.push({ steps: [name], text: stripped });
    out.push({ steps: [name, `normalize:${kind}-ascii-fold`], text: asciiFold(stripped) });
  }
  return out;
}

function dateForms(value: string): Normalized[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return [
    { steps: ['normalize:date-yyyymmdd'], text: `${y}${mo}${d}` },
    { steps: ['normalize:date-iso'], text: `${y}-${mo}-${d}` },
    { steps: ['normalize:date-dmy-dot'], text: `${d}.${mo}.${y}` },
    { steps: ['normalize:date-mdy-slash'], text: `${mo}/${d}/${y}` },
    { steps: ['normalize:date-dmy-slash'], text: `${d}/${mo}/${y}` },
    { steps: ['normalize:date-ddmmyyyy'], text: `${d}${mo}${y}` },
  ];
}

function postalForms(value: string, ctx: NormalizeContext): Normalized[] {
  const compact = lower(value).replace(/\s+/g, '');
  const out: Normalized[] = [{ steps: ['normalize:postal-code'], text: compact }];
  const dash = compact.indexOf('-');
  if (dash > 0) out.push({ steps: ['normalize:postal-before-dash'], text: compact.slice(0, dash) });
  // Cut to five only for US ZIP+4: elsewhere the full code is what vendors keep.
  if (ctx.country === 'US') out.push({ steps: ['normalize:postal-first5'], text: digitsOnly(compact).slice(0, 5) });
  return out;
}

function nationalIdForms(value: string, ctx: NormalizeContext): Normalized[] {
  const digits = digitsOnly(value);
  const out: Normalized[] = [{ steps: ['normalize:national-id-digits'], text: digits }];
  // Swedish forms often take the 10-digit personnummer (YYMMDD-NNNN) without the century.
  if (ctx.idCountry === 'SE' && digits.length === 12) {
    const short = digits.slice(2);
    out.push({ steps: ['normalize:national-id-short'], text: `${short.slice(0, 6)}-${short.slice(6)}` });
    out.push({ steps: ['normalize:national-id-short-digits'], text: short });
  }
  return out;
}

const NORMALIZERS: Record<DataCategory, (value: string, ctx: NormalizeContext) => Normalized[]> = {
  email: emailForms,
  phone: phoneForms,
  first_name: (v) => textForms(v, 'name', 'no-punct'),
  last_name: (v) => textForms(v, 'name', 'no-punct'),
  full_name: (v) => textForms(v, 'name', 'no-punct'),
  gender: (v) => {
    const g = lower(v);
    return [
      { steps: ['normalize:gender-initial'], text: g.slice(0, 1) },
      { steps: ['normalize:gender-word'], text: g },
    ];
  },
  date_of_birth: dateForms,
  street_address: (v) => textForms(v, 'street', null),
  postal_code: postalForms,
  city: (v) => textForms(v, 'city', 'no-space'),
  region: (v) => textForms(v, 'region', 'no-space'),
  country: (v) => [{ steps: ['normalize:country-lower'], text: lower(v) }],
  national_id: nationalIdForms,
  // Passwords and messages are searched as typed: no vendor normalises them.
  password: () => [],
  free_text: () => [],
};

/**
 * The vendor normalisations of one persona value of `category`, distinct texts only (the
 * first name of a text wins), empty texts dropped. The raw value itself is not included.
 */
export function normalizeValue(category: DataCategory, value: string, ctx: NormalizeContext): Normalized[] {
  const seen = new Set<string>();
  const out: Normalized[] = [];
  for (const n of NORMALIZERS[category](value, ctx)) {
    if (n.text.length === 0 || seen.has(n.text)) continue;
    seen.add(n.text);
    out.push(n);
  }
  return out;
}
