import type { CapturedRequest } from '../evidence/schema.js';
import { blobReadings } from './blob-readings.js';
import { bodyBytes, decompress, MAX_BODY_BYTES } from './decode.js';
import { kernelOf, NO_BUDGET, NOT_COMMON, type Kernel } from './kernel.js';
import type { Matcher } from './matcher.js';
import { MAX_FORMS, readings } from './readings.js';
import { headOf, joinable, SEPARATOR } from './request-head.js';
import { blobRuns, CANDIDATE, marks, sweep, tables, UTF16, type Tables } from './sweep.js';
import { MAX_DEPTH } from './views.js';

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
 * The pass runs in WebAssembly where it can (sweep.wat through kernel.ts, over the texts'
 * UTF-8 bytes; sweep.ts is its reference and the fallback), with the same automaton (its byte
 * patterns stand for the same texts: byte-automaton.ts), the same cut and the same marks: a
 * segment or run starts and ends at ASCII bytes, so its bytes decode to the same string. Two
 * steps are made there in bytes without changing what is proven: a blob run that neither blob
 * decoder would take, nor any stretch of it between slashes, is dropped before it becomes a
 * string (blob-reject.ts says why that is exactly their refusal); and a segment whose only
 * escapes are `%XX`, valid UTF-8 in every form, is percent-decoded in bytes, which gives the
 * bytes of the same readings (kernel.ts), swept there in the same call, the blob runs of its
 * last form marked by that form's sweep (forms.wat says why they are blobRuns' less the
 * refused); any other segment gets the string readings below.
 *
 * The URL and the searched header values, all one layer deep, are swept as one text joined by
 * line feeds when the line feed is a delimiter and in no variant, probes included (request-
 * head.ts): then no pattern occurrence, segment or blob run crosses a join, so the candidates
 * and marks are those of each text swept alone. Only the compressToUTF16 signal is counted over
 * them together, which can only withhold a proof; the kernel and the JS sweep join alike.
 *
 * PARTS. A view's text comes from one part: the URL (`url…`, `query…`, `fragment`), a header
 * value (`cookie…`, `header…`) or the body (`body…`), whose Content-Type and Content-Encoding,
 * quiet headers in no view, only say how to read it. So views are made only of the parts not
 * proven clean (`dirtyParts`; detect.ts). The per-request view limits (views.ts) are then spent
 * on those alone: a hostile request past one keeps more of them than before, in scan and
 * `analyze` alike (both use requestHits).
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

/** Texts scanned for one request beyond the first ones; past it there is no proof. */
const MAX_SCANS = 2000;

/** Base64 characters of a body read at most (as decode.ts's `bodyBytes`). */
const MAX_BODY_BASE64 = Math.ceil(MAX_BODY_BYTES / 3) * 4;

/** No blob runs to follow. */
const NO_RUNS: readonly string[] = [];

/** Thrown when a request has more readings than are followed: the proof then cannot be made. */
class NoProof extends Error {}

/** The marks of the kernel's last sweep, taken out (see Scan's `written`); grown when needed. */
let at = new Int32Array(256);

/** One request's scan: the tables (and kernel), and a budget against hostile nesting. */
class Scan {
  /** Texts scanned for the current request. */
  scans = 0;

  constructor(
    private readonly t: Tables,
    private readonly k: Kernel | undefined,
  ) {}

  /**
   * True when `text` (a part of the request `depth` decoding layers deep) may hold a variant:
   * a candidate in the text itself, or in the decodings of one of its segments. A `reading`
   * (a decoding of a segment, whose own readings and blobs the segment's cover) is only scanned.
   */
  text(text: string, depth: number, reading = false): boolean {
    if (this.k !== undefined && this.k.writeText(text)) return this.written(depth, reading);
    return this.swept(text, depth, reading);
  }

  /** Whether the URL last given to {@link url} is one the URL parser rewrites. */
  rewritten = false;

  /** {@link text} for the request's URL, noting whether the URL parser would rewrite it. */
  url(url: string): boolean {
    const k = this.k;
    if (k !== undefined && k.writeText(url)) {
      this.rewritten = k.unnormal();
      return this.written(1);
    }
    this.rewritten = UNNORMAL_URL.test(url);
    return this.swept(url, 1, false);
  }

  /**
   * {@link url} and then {@link text} for each searched header value (all one layer deep), as
   * one text joined by {@link SEPARATOR} when `joined` (see the proof): one write and one sweep
   * for them all, where short headers cost more in calls than in bytes.
   */
  head(url: string, values: readonly string[], joined: boolean): boolean {
    if (!joined) return this.url(url) || values.some((v) => this.text(v, 1));
    const k = this.k;
    if (k !== undefined && k.writeText(url)) {
      const urlBytes = k.length;
      let fits = true;
      for (let i = 0; i < values.length && fits; i++) fits = k.appendText(SEPARATOR, values[i]!);
      if (fits) {
        this.rewritten = k.unnormal(urlBytes);
        return this.written(1);
      }
    }
    this.rewritten = UNNORMAL_URL.test(url);
    return this.swept(values.length === 0 ? url : [url, ...values].join(String.fromCharCode(SEPARATOR)), 1, false);
  }

  /** {@link text} by the JS sweep. */
  private swept(text: string, depth: number, reading: boolean): boolean {
    if (++this.scans > MAX_SCANS) throw new NoProof();
    const count = sweep(text, this.t);
    if (count === CANDIDATE) return true;
    if (count === UTF16) throw new NoProof();
    if (reading || count === 0) return false;
    const found = marks.at.slice(0, count); // the recursion below reuses `marks`
    const pieces: string[] = [];
    for (let m = 0; m < count; m += 2) pieces.push(found[m]! >= 0 ? text.slice(found[m], found[m + 1]) : text.slice(-found[m]! - 1, found[m + 1]));
    return this.follow(found, pieces, depth);
  }

  /** {@link text} for the text last written to the kernel (its UTF-8 bytes). */
  written(depth: number, reading = false): boolean {
    const k = this.k!;
    if (++this.scans > MAX_SCANS) throw new NoProof();
    // Blob runs no decoder takes (most: random tokens) are refused in the sweep itself, as bytes;
    // where no run is followed (a reading, or the depth reached) that check is not paid.
    const count = k.sweep(!reading && depth < MAX_DEPTH);
    if (count === undefined) return this.swept(k.slice(0, k.length), depth, reading);
    if (count === CANDIDATE) return true;
    if (count === UTF16) throw new NoProof();
    if (reading || count === 0) return false;
    // Taken out before anything below writes over the kernel's text and marks. Escaped segments
    // are decoded there when they can be: what is left becomes strings for follow().
    // `at` is shared by all scans: the recursion into follow() comes after this loop is done.
    if (at.length < count) at = new Int32Array(Math.max(count, 2 * at.length));
    for (let m = 0; m < count; m++) at[m] = k.mark(m);
    let found: number[] | undefined;
    let pieces: string[] | undefined;
    for (let m = 0; m < count; m += 2) {
      const start = at[m]!;
      const end = at[m + 1]!;
      if (start >= 0) {
        if (depth >= MAX_DEPTH) continue;
        (found ??= []).push(start, end);
        (pieces ??= []).push(k.ascii(start, end));
        continue;
      }
      const runs = this.decodedInKernel(k, -start - 1, end, depth);
      if (runs === true) return true;
      if (runs === undefined) {
        (found ??= []).push(start, end);
        (pieces ??= []).push(k.slice(-start - 1, end));
      } else {
        for (const run of runs) {
          (found ??= []).push(0, 0);
          (pieces ??= []).push(run);
        }
      }
    }
    return pieces !== undefined && this.follow(found!, pieces, depth);
  }

  /**
   * The readings of an escaped segment decoded in the kernel's bytes (kernel.ts: only `%XX`
   * escapes, valid UTF-8): scanned there, and the end's blob runs a decoder may take returned.
   * True on a candidate; undefined when the segment needs {@link readings}.
   */
  private decodedInKernel(k: Kernel, start: number, end: number, depth: number): readonly string[] | true | undefined {
    const result = k.decodeSegment(start, end, depth < MAX_DEPTH, MAX_FORMS, MAX_SCANS - this.scans);
    this.scans += k.swept;
    if (result === CANDIDATE) return true;
    if (result === UTF16 || result === NO_BUDGET) throw new NoProof();
    if (result === NOT_COMMON) return undefined;
    return result === 0 ? NO_RUNS : k.segmentRuns(result);
  }

  /** Decodes the marked pieces of a text (`found`: their marks) and scans what they hide. */
  private follow(found: ArrayLike<number>, pieces: string[], depth: number): boolean {
    for (let m = 0; m < pieces.length; m++) {
      const piece = pieces[m]!;
      if (found[2 * m]! >= 0) {
        if (depth < MAX_DEPTH && this.blob(piece, depth)) return true;
        continue;
      }
      const read = readings(piece);
      if (read === undefined) throw new NoProof();
      const { forms, ends } = read;
      for (let f = 1; f < forms.length; f++) if (this.text(forms[f]!, depth, true)) return true;
      if (depth >= MAX_DEPTH) continue;
      for (const e of ends) {
        const runs = this.k !== undefined ? this.k.decodableRuns(e, this.t.tab) : blobRuns(e, this.t.tab);
        for (const run of runs) if (this.blob(run, depth)) return true;
      }
    }
    return false;
  }

  /** The body, from base64 (and decompressed) straight into the kernel where there is one. */
  body(bodyBase64: string, encoding: string | undefined): boolean {
    const k = this.k;
    if (k !== undefined && k.writeBase64(bodyBase64.length > MAX_BODY_BASE64 ? bodyBase64.slice(0, MAX_BODY_BASE64) : bodyBase64)) {
      const sent = k.written();
      const bytes = decompress(sent, encoding);
      if (bytes === sent || k.writeBytes(bytes)) return this.written(0);
      return this.text(bytes.toString('utf8'), 0);
    }
    return this.text(decompress(bodyBytes(bodyBase64), encoding).toString('utf8'), 0);
  }

  /** A run that may be a blob, and the stretches between its slashes (blob-readings.ts). */
  private blob(run: string, depth: number): boolean {
    const found = blobReadings(run, (inner) => this.text(inner, depth + 1));
    if (found === undefined) throw new NoProof();
    return found;
  }
}

/** URLs the URL parser would rewrite (spaces, non-ASCII, backslashes, control characters): views see the rewritten one. */
const UNNORMAL_URL = /[^\x21-\x7e]|\\/;

/** Options of {@link provablyClean}. */
export interface PrefilterOptions {
  /** Use the WebAssembly kernel where it is available (default); false: the JS sweep (the reference). */
  kernel?: boolean;
  /** Sweep the URL and header values as one text where the matcher allows (default); false: each alone. */
  join?: boolean;
}

/** A matcher's two scans (kernel and JS), reused request after request (no call nests them), and whether it may join. */
const scans = new WeakMap<Matcher, { kernel: Scan; js: Scan; joinable: boolean }>();

/** Parts of a request, as bits: the URL and the searched headers (swept together), and the body. */
export const HEAD = 1;
export const BODY = 2;

/** The parts of `req` (bits {@link HEAD}, {@link BODY}) whose views may hold a hit of `matcher` (see PARTS above). */
export function dirtyParts(req: CapturedRequest, matcher: Matcher, options: PrefilterOptions = {}): number {
  let s = scans.get(matcher);
  if (s === undefined) {
    const t = tables(matcher);
    s = { kernel: new Scan(t, kernelOf(matcher)), js: new Scan(t, undefined), joinable: joinable(matcher, t) };
    scans.set(matcher, s);
  }
  const scan = options.kernel === false ? s.js : s.kernel;
  scan.scans = 0; // the budget is per request
  let dirty = 0;
  try {
    const { searched, encoding } = headOf(req);
    if (scan.head(req.url, searched, options.join !== false && s.joinable)) dirty = HEAD;
    else if (scan.rewritten) {
      try {
        if (scan.text(new URL(req.url).href, 1)) dirty = HEAD;
      } catch {
        // Views search an unparsable URL as it is.
      }
    }
    if (req.bodyBase64 !== undefined && req.bodyBase64.length > 0 && scan.body(req.bodyBase64, encoding)) dirty |= BODY;
  } catch (err) {
    if (err instanceof NoProof) return HEAD | BODY; // the budget is the request's: no part is proven
    throw err;
  }
  return dirty;
}

/** True when no view of `req` can hold a hit of `matcher` (see the proof above). */
export function provablyClean(req: CapturedRequest, matcher: Matcher, options: PrefilterOptions = {}): boolean {
  return dirtyParts(req, matcher, options) === 0;
}
