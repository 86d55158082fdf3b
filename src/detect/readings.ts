import { percentDecode } from './decode.js';

/*
 * The readings of a segment of a request that holds escapes (prefilter.ts): what views may see
 * of it once decoded.
 */

/** Distinct decodings of one segment followed (three rounds of each kind, and then some). */
export const MAX_FORMS = 12;

const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(.))/g;
const JSON_SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** JSON string escapes undone across a whole text (what `JSON.parse` does to each leaf). */
function jsonUnescape(text: string): string {
  return text.replace(JSON_ESCAPE, (_, hex: string | undefined, ch: string) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (JSON_SIMPLE[ch] ?? ch));
}

/**
 * The readings of a segment that holds escapes: percent-decoding (also with `+` as a space)
 * and JSON unescaping, repeated and in any order. `ends` are those no percent-decoding changes:
 * the only ones views look for blobs in. Undefined past {@link MAX_FORMS} forms (no proof then).
 */
export function readings(text: string): { forms: string[]; ends: string[] } | undefined {
  const forms = [text];
  const ends: string[] = [];
  let tooMany = false;
  const add = (form: string): void => {
    if (forms.includes(form)) return;
    if (forms.length >= MAX_FORMS) tooMany = true;
    else forms.push(form);
  };
  for (let i = 0; i < forms.length && !tooMany; i++) {
    const form = forms[i]!;
    const once = form.includes('%') ? percentDecode(form) : form;
    if (once === form) ends.push(form);
    else add(once);
    if (form.includes('+')) add(percentDecode(form.replace(/\+/g, ' ')));
    if (form.includes('\\')) add(jsonUnescape(form));
  }
  return tooMany ? undefined : { forms, ends };
}

