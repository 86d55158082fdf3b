import { isLzUtf16Signal, LZ_UTF16_UNITS, MIN_LZ_CHARS } from './lz-string.js';
import type { Matcher } from './matcher.js';

/*
 * The one pass of the prefilter (prefilter.ts): the matcher's automaton over a text, and in the
 * same loop its cut into segments and blob runs. The WebAssembly kernel (sweep.wat, kernel.ts)
 * does the same over UTF-8 bytes, several times faster; this is its reference (the tests
 * compare the two) and the fallback where WebAssembly or its memory is not to be had.
 */

/** Shortest blob views decode: LZ-string from 12 characters, base64 from 16. */
export const MIN_BLOB = MIN_LZ_CHARS;
/*
 * The scan table holds, per code unit, the automaton symbol (low 15 bits), a flag for blob
 * characters that are not hex digits (a run without one is an id or digest, which no decoder
 * tries), and a class in the high half: 0 for blob characters — most of any text — else one of
 * these.
 */
const NON_HEX = 0x8000;
export const DELIM = 1 << 16;
const ESCAPE = 2 << 16;
/** Ends a blob run but is neither a delimiter nor an escape. */
const OTHER = 4 << 16;
const SIGNAL = 8 << 16;

/** Characters that may cut segments: structure in URLs, forms, cookies, JSON and batches. */
const DELIMITER_CANDIDATES = '&=;",:{}[]<>|\'()^`!*#?\n\r\t';
/** Characters blobs are made of: base64, base64url and LZ-string's URI alphabet. */
const BLOB_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_$';

/** A matcher's automaton and its scan table (see above). */
export interface Tables {
  /** Code unit → automaton symbol (low 16 bits) | class (high bits). */
  tab: Uint32Array;
  width: number;
  denseCount: number;
  rows: Uint16Array;
  report: Int32Array;
  edgeStart: Int32Array;
  edgeSym: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
}

const tablesOf = new WeakMap<Matcher, Tables>();

/** The scan table of a matcher: its symbols, and the delimiters none of its variants contains. */
export function tables(matcher: Matcher): Tables {
  let t = tablesOf.get(matcher);
  if (t !== undefined) return t;
  const { auto, sym } = matcher.scanTables;
  const tab = new Uint32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    tab[c] = sym[c]! | (isLzUtf16Signal(c) ? SIGNAL : c >= 0x80 ? OTHER : 0);
  }
  for (let c = 0; c < 0x80; c++) {
    const ch = String.fromCharCode(c);
    if (!BLOB_CHARS.includes(ch)) tab[c]! |= OTHER;
    else if (!/[0-9a-fA-F]/.test(ch)) tab[c]! |= NON_HEX;
  }
  for (const ch of '%+\\') tab[ch.charCodeAt(0)] = sym[ch.charCodeAt(0)]! | ESCAPE;
  // Probes may hold delimiters: they are found by the continuous scan of undecoded text.
  const inVariants = new Set(matcher.variants.filter((v) => !v.probe && !v.keyed).flatMap((v) => [...v.text.toLowerCase()]));
  for (const ch of DELIMITER_CANDIDATES) {
    if (!inVariants.has(ch)) tab[ch.charCodeAt(0)] = sym[ch.charCodeAt(0)]! | DELIM;
  }
  const { width, denseCount, rows, report, edgeStart, edgeSym, edgeTo, fail } = auto;
  t = { tab, width, denseCount, rows, report, edgeStart, edgeSym, edgeTo, fail };
  tablesOf.set(matcher, t);
  warmUp(t);
  return t;
}

/**
 * Runs {@link sweep} through its rare paths (texts ending in an escaped segment or in a blob
 * run, shorter than any variant) before real texts reach it. Without it, the end-of-text mark
 * of an escaped segment had no type feedback when V8 (11.3) optimised the loop, so every text
 * ending in one left the optimised code (a deopt) and V8 kept that code: 8,249 deopts in a
 * `BENCH_MB=4` run (`--trace-deopt`), the first persona's detection 25 % slower than the next.
 * Repeated because V8 starts recording feedback only after a function's first calls.
 */
function warmUp(t: Tables): void {
  for (let k = 0; k < 32; k++) for (const text of ['%&%', 'a%b', 'zzzzzzzzzzzz', 'x&zzzzzzzzzzzzz']) sweep(text, t);
}

/** Runs of blob characters at least {@link MIN_BLOB} long in `text` (`+` included: standard base64 sent unencoded). */
export function blobRuns(text: string, tab: Uint32Array): string[] {
  const runs: string[] = [];
  let start = 0;
  for (let i = 0, n = text.length; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    if (i < n && ((tab[c]! >>> 16) === 0 || c === 0x2b)) continue;
    if (i - start >= MIN_BLOB) runs.push(text.slice(start, i));
    start = i + 1;
  }
  return runs;
}

/** Transition off the fast rows (a deep state, or a symbol beyond ASCII), as the matcher's. */
function slowStep(t: Tables, state: number, a: number): number {
  if (a === 0) return 0;
  for (let s = state; ; s = t.fail[s]!) {
    if (a < t.width && s < t.denseCount) return t.rows[s * t.width + a]! >> 1;
    for (let e = t.edgeStart[s]!, end = t.edgeStart[s + 1]!; e < end; e++) if (t.edgeSym[e] === a) return t.edgeTo[e]!;
    if (s === 0) return 0;
  }
}

/** What {@link sweep} found besides marks. */
export const CANDIDATE = -1;
export const UTF16 = -2;
/**
 * Marks of the last sweep: pairs (start, end) of blob runs, and of escaped segments with start
 * stored as `-start - 1`. A holder, not a module `let`: the loop reads it without a hole check.
 */
export const marks = { at: new Int32Array(256) };

/**
 * The one pass over a text: the automaton (any variant: {@link CANDIDATE}), and the segments
 * and blob runs that need decoding, written to {@link marks}. Returns the number of marks.
 * Kept apart and monomorphic: it is where the time goes.
 */
export function sweep(text: string, t: Tables): number {
  const { tab, width, denseCount, rows, report } = t;
  let count = 0;
  let s = 0;
  let segment = 0;
  let escapes = false;
  let run = 0;
  let seen = 0; // class bits of the current run's characters
  let signals = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const e = tab[text.charCodeAt(i)]!;
    seen |= e;
    const a = e & 0x7fff;
    if (a < width && s < denseCount) {
      const x = rows[s * width + a]!;
      s = x >> 1;
      if ((x & 1) !== 0) return CANDIDATE;
    } else {
      s = slowStep(t, s, a);
      if (report[s]! >= 0) return CANDIDATE;
    }
    if (e < 0x10000) continue; // a blob character: most of any text
    if (count + 4 > marks.at.length) grow();
    if (i - run >= MIN_BLOB && !escapes && (seen & NON_HEX) !== 0) {
      marks.at[count++] = run;
      marks.at[count++] = i;
    }
    run = i + 1;
    seen = 0;
    const cls = e & 0xffff0000;
    if (cls === DELIM) {
      if (escapes) {
        marks.at[count++] = -segment - 1;
        marks.at[count++] = i;
      }
      segment = i + 1;
      escapes = false;
    } else if (cls === ESCAPE) {
      escapes = true;
    } else if (cls === SIGNAL && ++signals >= LZ_UTF16_UNITS) {
      return UTF16; // may hold compressToUTF16 output, which has no delimiters to find it by
    }
  }
  if (count + 4 > marks.at.length) grow();
  if (n - run >= MIN_BLOB && !escapes && (seen & NON_HEX) !== 0) {
    marks.at[count++] = run;
    marks.at[count++] = n;
  }
  if (escapes) {
    marks.at[count++] = -segment - 1;
    marks.at[count++] = n;
  }
  return count;
}

function grow(): void {
  const grown = new Int32Array(marks.at.length * 2);
  grown.set(marks.at);
  marks.at = grown;
}
