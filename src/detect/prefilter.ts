import type { CapturedRequest } from '../evidence/schema.js';
import { bodyBytes, decodeBase64Text, decompress, percentDecode } from './decode.js';
import { decodeLzString } from './lz-string.js';
import type { Matcher } from './matcher.js';
import { blobRuns, CANDIDATE, marks, MIN_BLOB, sweep, tables, UTF16, type Tables } from './sweep.js';
import { isQuietHeader, MAX_DEPTH } from './views.js';

/*
 * A cheap proof that a request holds no hit, so that most requests skip the full decoding
 * into views (JSON leaves, form pairs, URL parts: many small strings, the bulk of the cost).
 *
 * ONE PASS. The URL, each searched header and the (decompressed) body are scanned once, as
 * they are, by the matcher's automaton — and the same loop cuts them into *segments* at
 * delimiter characters (`&`, `=`, `;`, quotes, brackets, line breaks… — those no variant
 * contains) and notes the segments that hold an escape (`%`, `+`, `\`) or a run of base64 /
 * LZ-string characters long enough to be a blob. Only those few are then decoded (percent-
 * decoding repeated, `+` as a space, JSON escapes, in any order; blobs one layer deeper, up to
 * the depth views go) and their decodings scanned the same way.
 *
 * Why that covers every view (views.ts): a view's text is a part of the request between
 * delimiters, decoded. Decoding turns an escape into a character but leaves delimiters as they
 * are, and a variant contains no delimiter, so a match in a view comes from one segment of the
 * request text — scanned as is when it holds no escape and no blob, and decoded otherwise.
 * The automaton reports any variant there, ignoring case-sensitivity and token boundaries (a
 * view's edge can lie inside a segment). Nothing reported means nothing in any view.
 *
 * Keyed values (keyed.ts: `pc0.11350`, `ud[zp]=11350`) are not searched in text; their probe
 * variants stand in for them here (they may span delimiters: the undecoded scan is continuous).
 *
 * Known gaps, accepted: a JSON number is searched as JavaScript prints it (`1e3` as `1000`), so
 * a persona value that only appears through such a reformatting is not proven absent here;
 * no persona value is written that way. LZ-string's `compressToUTF16` output has no
 * delimiters to find it by: a text with three or more code units beyond Latin-1 (such output,
 * but also Greek, Cyrillic or CJK text) gets no proof and is decoded in full. A keyed value is
 * probed only as Google and Meta write it and in compact JSON (`"zp":"11350"`), with the key's
 * punctuation as is or percent-encoded once — not inside escaped JSON.
 */

/** Distinct decodings of one segment followed (three rounds of each kind, and then some). */
const MAX_FORMS = 12;
/** Slashes in one blob run beyond which its stretches are not all tried. */
const MAX_SLASHES = 32;
/** Texts scanned for one request beyond the first ones; past it there is no proof. */
const MAX_SCANS = 2000;

/** Thrown when a request has more readings than are followed: the proof then cannot be made. */
class NoProof extends Error {}

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
 * the only ones views look for blobs in.
 */
function readings(text: string): { forms: string[]; ends: string[] } {
  const forms = [text];
  const ends: string[] = [];
  const add = (form: string): void => {
    if (forms.includes(form)) return;
    if (forms.length >= MAX_FORMS) throw new NoProof();
    forms.push(form);
  };
  for (let i = 0; i < forms.length; i++) {
    const form = forms[i]!;
    const once = form.includes('%') ? percentDecode(form) : form;
    if (once === form) ends.push(form);
    else add(once);
    if (form.includes('+')) add(percentDecode(form.replace(/\+/g, ' ')));
    if (form.includes('\\')) add(jsonUnescape(form));
  }
  return { forms, ends };
}

/** One request's scan: the tables, and a budget against hostile nesting. */
class Scan {
  private scans = 0;

  constructor(private readonly t: Tables) {}

  /**
   * True when `text` (a part of the request `depth` decoding layers deep) may hold a variant:
   * a candidate in the text itself, or in the decodings of one of its segments. A `reading`
   * (a decoding of a segment, whose own readings and blobs the segment's cover) is only scanned.
   */
  text(text: string, depth: number, reading = false): boolean {
    if (++this.scans > MAX_SCANS) throw new NoProof();
    const count = sweep(text, this.t);
    if (count === CANDIDATE) return true;
    if (count === UTF16) throw new NoProof();
    if (reading || count === 0) return false;
    const found = marks.at.slice(0, count); // the recursion below reuses `marks`
    for (let k = 0; k < count; k += 2) {
      const start = found[k]!;
      const end = found[k + 1]!;
      if (start >= 0) {
        if (depth < MAX_DEPTH && this.blob(text.slice(start, end), depth)) return true;
        continue;
      }
      const { forms, ends } = readings(text.slice(-start - 1, end));
      for (let f = 1; f < forms.length; f++) if (this.text(forms[f]!, depth, true)) return true;
      if (depth < MAX_DEPTH) for (const e of ends) for (const blob of blobRuns(e, this.t.tab)) if (this.blob(blob, depth)) return true;
    }
    return false;
  }

  /** A run that may be a blob, and the stretches between its slashes (URL path segments are blobs). */
  private blob(run: string, depth: number): boolean {
    const inner = decodeBase64Text(run) ?? decodeLzString(run);
    if (inner !== undefined && this.text(inner, depth + 1)) return true;
    if (!run.includes('/')) return false;
    const cuts = [-1];
    for (let i = run.indexOf('/'); i >= 0; i = run.indexOf('/', i + 1)) cuts.push(i);
    cuts.push(run.length);
    if (cuts.length > MAX_SLASHES) throw new NoProof();
    for (let a = 0; a < cuts.length; a++) {
      for (let b = a + 1; b < cuts.length; b++) {
        if ((a > 0 || b < cuts.length - 1) && cuts[b]! - cuts[a]! - 1 >= MIN_BLOB) {
          const piece = decodeBase64Text(run.slice(cuts[a]! + 1, cuts[b])) ?? decodeLzString(run.slice(cuts[a]! + 1, cuts[b]));
          if (piece !== undefined && this.text(piece, depth + 1)) return true;
        }
      }
    }
    return false;
  }
}

/** URLs the URL parser would rewrite (spaces, non-ASCII, backslashes, control characters): views see the rewritten one. */
const UNNORMAL_URL = /[^\x21-\x7e]|\\/;

/** True when no view of `req` can hold a hit of `matcher` (see the proof above). */
export function provablyClean(req: CapturedRequest, matcher: Matcher): boolean {
  const scan = new Scan(tables(matcher));
  try {
    if (scan.text(req.url, 1)) return false;
    if (UNNORMAL_URL.test(req.url)) {
      try {
        if (scan.text(new URL(req.url).href, 1)) return false;
      } catch {
        // Views search an unparsable URL as it is.
      }
    }
    let encoding: string | undefined;
    for (const [rawName, value] of Object.entries(req.headers)) {
      const name = rawName.toLowerCase();
      if (name === 'content-encoding') encoding ??= value;
      else if (!isQuietHeader(name) && scan.text(value, 1)) return false;
    }
    if (req.bodyBase64 !== undefined && req.bodyBase64.length > 0) {
      if (scan.text(decompress(bodyBytes(req.bodyBase64), encoding).toString('utf8'), 0)) return false;
    }
  } catch (err) {
    if (err instanceof NoProof) return false;
    throw err;
  }
  return true;
}
