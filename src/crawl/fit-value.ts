import type { DataCategory } from '../persona/schema.js';
import type { Persona } from '../persona/schema.js';

/** What an input tells about the format it accepts. */
export interface InputConstraints {
  type: string;
  /** `maxlength`; absent or negative when unlimited. */
  maxLength?: number;
  /** `pattern`, as written (the browser anchors it: `^(?:pattern)$`). */
  pattern?: string;
  /** `inputmode` (`numeric`, `tel`, `email`, …). */
  inputMode?: string;
  placeholder?: string;
}

/**
 * Adapts a persona value to the field's declared format, the way a person reads the field:
 * a personnummer field with `maxlength=12` gets `YYYYMMDDNNNN`, a phone field with a
 * digits-only `pattern` gets digits, a postcode field with `maxlength=5` loses its space, a
 * date field with placeholder `dd.mm.åååå` gets that order. A site that rejects the persona's
 * format would otherwise block the submit (and the leak on submit would go unseen).
 * Candidates are tried in order of preference; the first that satisfies `pattern` and
 * `maxlength` wins; failing that, the preferred one is cut to `maxlength`.
 */
export function fitValue(value: string, category: DataCategory, c: InputConstraints, persona: Persona, idCountry?: string): string {
  const candidates = unique(candidatesFor(value, category, c, persona, idCountry));
  const pattern = compilePattern(c.pattern);
  const max = c.maxLength !== undefined && c.maxLength > 0 ? c.maxLength : Infinity;
  const fits = (v: string) => v.length <= max && (!pattern || pattern.test(v));
  return candidates.find(fits) ?? candidates.find((v) => v.length <= max) ?? candidates[0]!.slice(0, max);
}

function candidatesFor(value: string, category: DataCategory, c: InputConstraints, persona: Persona, idCountry?: string): string[] {
  const numeric = c.inputMode === 'numeric' || c.inputMode === 'decimal' || c.type === 'number';
  switch (category) {
    case 'phone': {
      const digits = value.replace(/\D+/g, '');
      const e164 = persona.phoneE164;
      const forms = [value, digits, e164, e164.slice(1), nationalNoTrunk(digits)];
      if (numeric || c.type === 'number') return [digits, e164.slice(1), nationalNoTrunk(digits)];
      if (c.placeholder && /^\s*\+/.test(c.placeholder)) return [e164, ...forms];
      return forms;
    }
    case 'postal_code': {
      const compact = value.replace(/\s+/g, '');
      return numeric ? [compact, value] : [value, compact];
    }
    case 'national_id':
      return nationalIdForms(value, c, persona, idCountry);
    case 'date_of_birth':
      return dateForms(value, c, persona);
    default:
      return [value];
  }
}

/** `0701234567` → `701234567`: some fields want the number after a fixed country-code prefix. */
function nationalNoTrunk(digits: string): string {
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

/** Swedish ids: with or without century and dash, as the placeholder or length asks. */
function nationalIdForms(value: string, c: InputConstraints, persona: Persona, idCountry?: string): string[] {
  const digits = value.replace(/\D+/g, '');
  const country = idCountry ?? persona.country;
  if (country !== 'SE' || !/^\d{10}$/.test(digits)) {
    return /^[0-9-]+$/.test(value) ? [value, digits] : [value];
  }
  const century = persona.dateOfBirth.slice(0, 2);
  const long = `${century}${digits}`;
  const forms = {
    shortDash: `${digits.slice(0, 6)}-${digits.slice(6)}`,
    short: digits,
    longDash: `${long.slice(0, 8)}-${long.slice(8)}`,
    long,
  };
  const hint = (c.placeholder ?? '').toUpperCase();
  const wantsCentury = /ÅÅÅÅ|YYYY|AAAA/.test(hint) || c.maxLength === 12 || c.maxLength === 13;
  const wantsDash = /[-–]/.test(hint) || c.maxLength === 11 || c.maxLength === 13;
  const numeric = c.inputMode === 'numeric' || c.type === 'number';
  if (wantsCentury) return wantsDash && !numeric ? [forms.longDash, forms.long, forms.shortDash, forms.short] : [forms.long, forms.longDash, forms.short, forms.shortDash];
  if (numeric && !wantsDash) return [forms.short, forms.long, forms.shortDash, forms.longDash];
  return [forms.shortDash, forms.short, forms.longDash, forms.long];
}

/** Date-of-birth text in the order the placeholder shows (`dd.mm.åååå`, `TT.MM.JJJJ`, `YYYY-MM-DD`, `ppkkvvvv`…). */
function dateForms(value: string, c: InputConstraints, persona: Persona): string[] {
  const [y = '', m = '', d = ''] = persona.dateOfBirth.split('-');
  const all = [value, `${y}-${m}-${d}`, `${d}.${m}.${y}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${d}-${m}-${y}`, `${y}${m}${d}`, `${d}${m}${y}`];
  const hint = (c.placeholder ?? '').toLowerCase();
  // Year tokens (sv/no/da åååå, de jjjj, fr/es/it aaaa, fi vvvv, en yyyy) and day tokens (de tt, fr jj, fi pp, es/it gg).
  const normalised = hint
    .replace(/(å|y|j|a|v){4}/g, 'YYYY')
    .replace(/(t|d|j|p|g){2}/g, 'DD')
    .replace(/(m|k){2}/g, 'MM');
  const shape = /^(YYYY|DD|MM)(\W?)(YYYY|DD|MM)(\W?)(YYYY|DD|MM)$/.exec(normalised.trim());
  if (shape) {
    const part = (token: string) => (token === 'YYYY' ? y : token === 'MM' ? m : d);
    const hinted = `${part(shape[1]!)}${shape[2]}${part(shape[3]!)}${shape[4]}${part(shape[5]!)}`;
    return [hinted, ...all];
  }
  return all;
}

/** The browser's reading of `pattern`: anchored, with the `v` flag (falling back to `u`). */
function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try the next flag set; an invalid pattern is ignored, as browsers do
    }
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
