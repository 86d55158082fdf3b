import { createHash } from 'node:crypto';
import { HASH_ALGORITHMS, normalizeValue, personaSources } from '../../detect/index.js';
import type { Finding } from '../../judge/finding.js';
import type { Persona } from '../../persona/schema.js';

/**
 * A finding's transform chain recomputed from the persona saved in `evidence.json`, step by
 * step, so that a reader can redo it by hand: persona value → normalised value → SHA-256 hex.
 * Normalisations come from `detect/normalize.ts` itself, so the report cannot drift from
 * what detection searched for.
 */
export interface ChainStep {
  /** The step's name in the transform chain (`normalize:email`, `sha256`, `hex`). */
  step: string;
  /** What it does, in words. */
  label: string;
  /** The value after the step. */
  value: string;
}

export interface RecomputedChain {
  /** Persona field and its value as typed. */
  field: string;
  input: string;
  steps: ChainStep[];
  /** The recomputed value equals the text found in the request. */
  matches: boolean;
  /** A shell command that recomputes it (`printf %s '…' | sha256sum`), for single-hash hex chains. */
  command?: string;
  /** Why the chain could not be recomputed. */
  error?: string;
}

const HASHES = new Set<string>(HASH_ALGORITHMS);
const SUMS: Record<string, string> = { md5: 'md5sum', sha1: 'sha1sum', sha224: 'sha224sum', sha256: 'sha256sum', sha384: 'sha384sum', sha512: 'sha512sum' };

const NORMALIZE_WORDS: Array<[RegExp, string]> = [
  [/^email$/, 'trim, lower-case'], [/^email-gmail$/, 'Gmail canonical form: dots and +tag removed'],
  [/^phone-digits$/, 'digits only'], [/^phone-e164$/, 'E.164 (+ and country code)'], [/^phone-e164-digits$/, 'E.164 digits, no +'],
  [/^phone-national-digits$/, 'national digits with trunk 0'], [/^phone-no-trunk-zero$/, 'national number without trunk 0'],
  [/-lower$/, 'trim, lower-case'], [/-ascii-fold$/, 'diacritics folded to ASCII'], [/-no-punct$/, 'trim, lower-case, punctuation and spaces removed'],
  [/-no-space$/, 'trim, lower-case, spaces removed'], [/^gender-initial$/, 'first letter, lower-case'], [/^gender-word$/, 'lower-case'],
  [/^date-yyyymmdd$/, 'YYYYMMDD'], [/^date-iso$/, 'YYYY-MM-DD'], [/^date-dmy-dot$/, 'DD.MM.YYYY'], [/^date-mdy-slash$/, 'MM/DD/YYYY'],
  [/^date-dmy-slash$/, 'DD/MM/YYYY'], [/^date-ddmmyyyy$/, 'DDMMYYYY'], [/^postal-code$/, 'lower-case, spaces removed'],
  [/^postal-before-dash$/, 'part before the dash'], [/^postal-first5$/, 'first five digits'], [/^national-id-digits$/, 'digits only'],
  [/^national-id-short$/, '10-digit form YYMMDD-NNNN'], [/^national-id-short-digits$/, '10 digits YYMMDDNNNN'],
];

/** A transform step in words. */
export function stepLabel(step: string): string {
  if (step.startsWith('normalize:')) {
    const name = step.slice('normalize:'.length);
    return `normalise: ${NORMALIZE_WORDS.find(([re]) => re.test(name))?.[1] ?? name}`;
  }
  const words: Record<string, string> = {
    raw: 'as typed', prefix: 'the part typed so far', hex: 'digest as lower-case hex', 'hex-upper': 'digest as upper-case hex',
    base64: 'base64 (no padding)', base64url: 'base64url', url: 'URL-encoded', 'url-plus': 'URL-encoded, spaces as +',
  };
  if (HASHES.has(step)) return `${step.toUpperCase().replace(/^SHA(\d+)$/, 'SHA-$1')} hash`;
  return words[step] ?? step;
}

const b64 = (buf: Buffer): string => buf.toString('base64').replace(/=+$/, '');
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Recomputes a finding's chain from the persona. */
export function recomputeChain(finding: Finding, persona: Persona): RecomputedChain {
  const source = personaSources(persona).find((s) => s.field === finding.personaField);
  const fail = (error: string): RecomputedChain => ({ field: finding.personaField, input: source?.value ?? '', steps: [], matches: false, error });
  if (!source) return fail(`the persona has no field ${finding.personaField}`);
  const chain = finding.transform;
  const norm = chain.filter((s) => s.startsWith('normalize:'));
  const steps: ChainStep[] = [];
  let text = source.value;
  let bytes: Buffer | undefined;
  if (norm.length) {
    const ctx = {
      country: persona.country, phoneE164: persona.phoneE164,
      ...(source.field.startsWith('nationalIds.') ? { idCountry: source.field.slice('nationalIds.'.length) } : {}),
    };
    const form = normalizeValue(source.category, source.value, ctx).find((n) => n.steps.join() === norm.join());
    if (!form) return fail(`normalisation ${norm.join(' + ')} does not apply to this value`);
    text = form.text;
    steps.push({ step: norm.join(' + '), label: norm.map(stepLabel).join('; '), value: text });
  }
  for (const step of chain) {
    if (step.startsWith('normalize:')) continue;
    const input = bytes ?? Buffer.from(text, 'utf8');
    if (step === 'raw') continue;
    else if (step === 'prefix') {
      if (!source.value.startsWith(finding.matched)) return fail('the text found is not a prefix of the typed value');
      text = finding.matched;
    } else if (HASHES.has(step)) bytes = createHash(step).update(input).digest();
    else if (step === 'hex') text = input.toString('hex');
    else if (step === 'hex-upper') text = input.toString('hex').toUpperCase();
    else if (step === 'base64') text = b64(input);
    else if (step === 'base64url') text = input.toString('base64url');
    else if (step === 'url') text = encodeURIComponent(text);
    else if (step === 'url-plus') text = encodeURIComponent(text).replace(/%20/g, '+');
    else return fail(`unknown transform step ${step}`);
    // A rendering step turns the digest back into text; the next hash (if any) hashes that text.
    if (!HASHES.has(step)) bytes = undefined;
    steps.push({ step, label: stepLabel(step), value: bytes ? bytes.toString('hex') : text });
  }
  const caseless = !chain.some((s) => s.startsWith('base64'));
  const matches = text === finding.matched || (caseless && text.toLowerCase() === finding.matched.toLowerCase());
  const hashes = chain.filter((s) => HASHES.has(s));
  const single = hashes.length === 1 && SUMS[hashes[0]!] && chain.at(-1) === 'hex' && chain.at(-2) === hashes[0];
  const hashed = norm.length ? steps[0]!.value : source.value;
  return {
    field: source.field, input: source.value, steps, matches,
    ...(single ? { command: `printf %s ${shellQuote(hashed)} | ${SUMS[hashes[0]!]}` } : {}),
  };
}
