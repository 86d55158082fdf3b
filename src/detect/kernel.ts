import { readFileSync } from 'node:fs';
import { kernelLayout } from './kernel-layout.js';
import type { Matcher } from './matcher.js';
import { blobRuns } from './sweep.js';

/*
 * The prefilter's one pass in WebAssembly (sweep.wat): the same automaton, segment and blob-run
 * marks and compressToUTF16 signal as sweep.ts, over the UTF-8 bytes of a text in the module's
 * memory. Segment and run boundaries are ASCII bytes, so the UTF-8 decoding of a marked byte
 * range is the JS slice of the same marks. One instance (and memory) per matcher: its tables
 * first, then the text, then the marks (or a segment's decodings, then theirs).
 */

/** What the kernel returns when the marks did not fit. */
const MARKS_FULL = -3;
/** {@link Kernel.decodeSegment}: the segment is not the common case (or past its forms): make its readings as strings. */
export const NOT_COMMON = -4;
/** {@link Kernel.decodeSegment}: a sweep beyond the budget given would be needed. */
export const NO_BUDGET = -5;
const PAGE = 65536;
/** Room kept for marks beyond a text (i32 entries); more is made when a text needs it. */
const MIN_MARK_ROOM = 4096;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (or the file) is unavailable: sweep.ts then serves. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(new URL('./sweep.wasm', import.meta.url)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

type Marking = (p: number, n: number, m: number, cap: number) => number;

/** sweep.wat's exports. */
interface Exports {
  memory: WebAssembly.Memory;
  sweep: (p: number, n: number, m: number, cap: number, refuse: number) => number;
  runs: Marking;
  segment: (start: number, end: number, a: number, b: number, m: number, cap: number, maxForms: number, budget: number, runs: number) => number;
  unnormal: (p: number, n: number) => number;
  undecodable: (start: number, end: number) => number;
}

const EXPORTS = ['sweep', 'runs', 'segment', 'unnormal', 'undecodable'] as const;

/** One matcher's kernel: its tables in a wasm memory, and room for one text at a time. */
export class Kernel {
  private bytes: Buffer;
  /** The same memory as i32, for the marks. */
  private words: Int32Array;
  /** Size of the memory (its `buffer` getter costs as much as a short sweep). */
  private size: number;
  private marksAt = 0;
  /** Bytes of the text last written. */
  length = 0;

  private constructor(
    private readonly x: Exports,
    /** Where texts are written: after the tables. */
    private readonly base: number,
  ) {
    this.bytes = Buffer.from(x.memory.buffer);
    this.words = new Int32Array(x.memory.buffer);
    this.size = this.bytes.length;
  }

  /** Lays out a matcher's tables in a new instance; undefined when that cannot be done. */
  static of(matcher: Matcher): Kernel | undefined {
    const mod = wasmModule();
    const layout = mod === null ? undefined : kernelLayout(matcher);
    if (mod === null || layout === undefined) return undefined;
    try {
      const i32 = (value: number): WebAssembly.Global => new WebAssembly.Global({ value: 'i32', mutable: false }, value);
      const i64 = (value: bigint): WebAssembly.Global => new WebAssembly.Global({ value: 'i64', mutable: false }, value);
      const globals: Record<string, WebAssembly.Global> = { mask: i64(layout.mask), shift: i64(layout.shift) };
      for (const [name, value] of Object.entries(layout.constants)) globals[name] = i32(value);
      let end = 0;
      for (const [name, data] of layout.parts) {
        globals[name] = i32(end);
        end += Math.ceil(data.byteLength / 8) * 8;
      }
      const x = new WebAssembly.Instance(mod, { t: globals }).exports as unknown as Exports;
      // A sweep.wasm older than this code (a dist/ built by tsc alone) lacks exports: JS serves then.
      if (EXPORTS.some((name) => typeof x[name] !== 'function')) return undefined;
      const pages = Math.ceil((end + 1024 * 1024) / PAGE) - x.memory.buffer.byteLength / PAGE;
      if (pages > 0) x.memory.grow(pages);
      const bytes = new Uint8Array(x.memory.buffer);
      for (const [name, data] of layout.parts) bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), globals[name]!.value as number);
      return new Kernel(x, end);
    } catch {
      return undefined; // no memory for the tables: the JS sweep serves
    }
  }

  /** Makes room for `n` bytes after the tables and then marks; false when memory cannot grow. */
  private room(n: number, markEntries = MIN_MARK_ROOM): boolean {
    const need = this.base + n + 16 + markEntries * 4;
    const have = this.size;
    if (need <= have) return true;
    try {
      this.x.memory.grow(Math.ceil((Math.max(need, have * 1.5) - have) / PAGE));
    } catch {
      return false;
    }
    this.bytes = Buffer.from(this.x.memory.buffer);
    this.words = new Int32Array(this.x.memory.buffer);
    this.size = this.bytes.length;
    return true;
  }

  /** Writes `text` as UTF-8 (lone surrogates as U+FFFD, as Buffer does); false when it does not fit. */
  writeText(text: string): boolean {
    if (!this.room(text.length * 3)) return false;
    this.length = this.bytes.write(text, this.base, 'utf8');
    return true;
  }

  /**
   * Appends byte `separator` and then `text` as UTF-8 to the text written (prefilter.ts sweeps
   * a request's URL and headers as one text); false when it does not fit.
   */
  appendText(separator: number, text: string): boolean {
    if (!this.room(this.length + 1 + text.length * 3)) return false;
    this.bytes[this.base + this.length] = separator;
    this.length += 1 + this.bytes.write(text, this.base + this.length + 1, 'utf8');
    return true;
  }

  /** Writes base64 `data` decoded (as `Buffer.from(data, 'base64')`); false when it does not fit. */
  writeBase64(data: string): boolean {
    const n = Math.ceil((data.length * 3) / 4);
    if (!this.room(n)) return false;
    this.length = this.bytes.write(data, this.base, n, 'base64');
    return true;
  }

  /** Writes `data` (e.g. a decompressed body); false when it does not fit. */
  writeBytes(data: Uint8Array): boolean {
    if (!this.room(data.length)) return false;
    this.bytes.set(data, this.base);
    this.length = data.length;
    return true;
  }

  /** The text written, as bytes (a view: valid until the next write). */
  written(): Buffer {
    return this.bytes.subarray(this.base, this.base + this.length);
  }

  /**
   * Sweeps the text written: CANDIDATE, UTF16 or the number of marks ({@link mark}), as sweep.ts;
   * with `refuse`, less the blob runs {@link undecodable} refuses (checked in the same call).
   * Undefined when the marks cannot be given room.
   */
  sweep(refuse = false): number | undefined {
    return this.marking(true, this.base, this.length, refuse ? 1 : 0);
  }

  /**
   * Runs the kernel's `sweep` (or `runs`) over `n` bytes at `p`, the marks after them. Each
   * export is called from its own site: one site for both would take V8's generic wasm call.
   */
  private marking(sweep: boolean, p: number, n: number, refuse = 0): number | undefined {
    for (let entries = MIN_MARK_ROOM; ; entries *= 4) {
      this.marksAt = (p + n + 7) & ~7;
      const cap = (this.size - this.marksAt) >> 2;
      const result = sweep ? this.x.sweep(p, n, this.marksAt, cap, refuse) : this.x.runs(p, n, this.marksAt, cap);
      if (result !== MARKS_FULL) return result;
      if (!this.room(p - this.base + n, entries * 4)) return undefined;
    }
  }

  /** Whether the first `n` bytes written hold a byte outside 0x21–0x7e or a backslash (prefilter.ts's UNNORMAL_URL). */
  unnormal(n = this.length): boolean {
    return this.x.unnormal(this.base, n) !== 0;
  }

  /** Mark `k` of the last sweep (byte offsets from the text's start; escaped segments as `-start - 1`). */
  mark(k: number): number {
    return this.words[(this.marksAt >> 2) + k]!;
  }

  /** Whether the blob run `start … end` of the text written is proven undecodable (blob-reject.ts, in the kernel). */
  undecodable(start: number, end: number): boolean {
    return this.x.undecodable(this.base + start, this.base + end) !== 0;
  }

  /** Bytes `start … end` of the text written, all ASCII (a blob run). */
  ascii(start: number, end: number): string {
    return this.bytes.toString('latin1', this.base + start, this.base + end);
  }

  /** Bytes `start … end` of the text written, decoded. */
  slice(start: number, end: number): string {
    return this.bytes.toString('utf8', this.base + start, this.base + end);
  }

  /**
   * sweep.ts's `blobRuns` of `text` (runs of blob characters or `+`, at least `MIN_BLOB` long)
   * that a decoder may take: found in its UTF-8 bytes, so the others never become strings.
   */
  decodableRuns(text: string, tab: Uint32Array): string[] {
    return this.writeText(text) ? this.runsIn(this.base, this.length, tab) : blobRuns(text, tab);
  }

  private runsIn(p: number, n: number, tab: Uint32Array): string[] {
    const count = this.marking(false, p, n);
    if (count === undefined) return blobRuns(this.bytes.toString('utf8', p, p + n), tab);
    const runs: string[] = [];
    for (let k = 0; k < count; k += 2) {
      const start = p + this.mark(k);
      const end = p + this.mark(k + 1);
      if (this.x.undecodable(start, end) === 0) runs.push(this.bytes.toString('latin1', start, end));
    }
    return runs;
  }

  /*
   * The percent-decodings of an escaped segment of the text written, made and swept here in
   * bytes (forms.wat), for the common case: `%XX` escapes only (no `+` or backslash in any form),
   * each form valid UTF-8. Then each form's bytes are those of prefilter.ts's `readings` of the
   * segment's string (decodeURIComponent decodes nothing else, and a valid UTF-8 sequence whole),
   * and the last form is its only end. Anything else: the caller makes the strings. Forms go to
   * two areas after the text in turn (its marks are taken out by then), then their marks.
   */

  /** Forms swept by the last {@link decodeSegment}, whatever it returned. */
  swept = 0;

  /**
   * Decodes the segment `start … end` and sweeps each new form, at most `maxForms` forms and
   * `budget` sweeps: CANDIDATE or UTF16 from a form, NOT_COMMON (the caller makes the readings:
   * also for room that cannot be made), NO_BUDGET, else the number of marks of the last form's
   * blob runs that a decoder may take (with `runs`, else 0; read them with {@link segmentRuns}):
   * that form's sweep marks them (forms.wat says why they are exactly those).
   */
  decodeSegment(start: number, end: number, runs: boolean, maxForms: number, budget: number): number {
    const n = end - start;
    for (let entries = MIN_MARK_ROOM; ; entries *= 4) {
      const a = (this.base + this.length + 23) & ~7;
      const b = (a + n + 23) & ~7;
      this.marksAt = (b + n + 23) & ~7;
      if (this.marksAt + entries * 4 > this.size && !this.room(this.marksAt - this.base, entries)) return NOT_COMMON;
      const cap = (this.size - this.marksAt) >> 2;
      const result = this.x.segment(this.base + start, this.base + end, a, b, this.marksAt, cap, maxForms, budget, runs ? 1 : 0);
      this.swept = this.words[(this.marksAt >> 2) + 1]!;
      if (result !== MARKS_FULL) return result;
    }
  }

  /** The `count` run marks of the last {@link decodeSegment}, as strings (all ASCII). */
  segmentRuns(count: number): string[] {
    const at = this.marksAt >> 2;
    const form = this.words[at]!;
    const runs: string[] = [];
    for (let k = 0; k < count; k += 2) runs.push(this.bytes.toString('latin1', form + this.words[at + 2 + k]!, form + this.words[at + 3 + k]!));
    return runs;
  }
}

const kernels = new WeakMap<Matcher, Kernel | null>();

/** The kernel of a matcher, built once; undefined where only the JS sweep can serve. */
export function kernelOf(matcher: Matcher): Kernel | undefined {
  let k = kernels.get(matcher);
  if (k === undefined) kernels.set(matcher, (k = Kernel.of(matcher) ?? null));
  return k ?? undefined;
}
