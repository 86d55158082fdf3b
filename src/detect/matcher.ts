import { buildAutomaton, numberSymbols, type Automaton } from './automaton.js';
import type { Variant } from './types.js';

/*
 * Multi-pattern matching of variant texts: Aho–Corasick (automaton.ts) over case-folded
 * UTF-16 code units. A match is reported at its end position; case-sensitive variants
 * (base64, upper/lower hex) are then verified exactly against the original text, and the
 * token-boundary rule applied.
 */

const ALNUM = 1;
const HEX = 2;
const B64 = 4;
const B64URL = 8;

/** Boundary class of a variant: which neighbours would make the match part of a longer token. */
type Boundary = typeof ALNUM | typeof HEX | typeof B64 | typeof B64URL;

let foldTable: Uint16Array | undefined;
let charClass: Uint8Array | undefined;

/** Length-preserving lower-case fold of every BMP code unit (`İ` keeps its place). */
function tables(): { fold: Uint16Array; cls: Uint8Array } {
  if (foldTable === undefined || charClass === undefined) {
    const fold = new Uint16Array(0x10000);
    const cls = new Uint8Array(0x10000);
    const letterOrDigit = /[\p{L}\p{N}]/u;
    for (let c = 0; c < 0x10000; c++) {
      fold[c] = c;
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const low = ch.toLowerCase();
      if (low.length === 1) fold[c] = low.charCodeAt(0);
      const isDigit = c >= 0x30 && c <= 0x39;
      const isAsciiLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
      if (isDigit || isAsciiLetter || (c >= 0x80 && letterOrDigit.test(ch))) cls[c] = ALNUM;
      if (isDigit || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)) cls[c]! |= HEX;
      if (isDigit || isAsciiLetter) cls[c]! |= B64 | B64URL;
    }
    cls[0x2b] = B64; // +
    cls[0x2f] = B64; // /
    cls[0x2d] = B64URL; // -
    cls[0x5f] = B64URL; // _
    foldTable = fold;
    charClass = cls;
  }
  return { fold: foldTable, cls: charClass };
}

function boundaryOf(v: Variant): Boundary {
  if (!v.hashed) return ALNUM;
  const last = v.transform[v.transform.length - 1];
  if (last === 'base64') return B64;
  if (last === 'base64url') return B64URL;
  return HEX;
}

/** One occurrence of a variant in a text. */
export interface MatchResult {
  variant: Variant;
  /** Offset of the first UTF-16 code unit of the match. */
  start: number;
}

/**
 * A multi-pattern matcher over a fixed set of variants. Build once per persona, then
 * {@link Matcher.find} in every view: the cost of a scan is linear in the text, whatever the
 * number of variants.
 */
export class Matcher {
  readonly variants: readonly Variant[];
  /** Keyed variants (keyed.ts): compared with whole views by the caller, not searched. */
  readonly keyed: readonly Variant[];
  /** Code unit → symbol id (0: in no pattern). */
  private readonly sym: Uint16Array;
  private readonly auto: Automaton;
  private readonly patternLength: number[] = [];
  /** Variant indices per pattern (variants whose folded texts coincide share a pattern). */
  private readonly patternVariants: number[][] = [];
  /** The case-folded pattern texts the automaton is built from (for kernel.ts's byte automaton). */
  readonly patterns: readonly string[];
  private readonly boundary: Uint8Array;
  private readonly firstAlnum: Uint8Array;
  private readonly lastAlnum: Uint8Array;

  /** Builds the automaton. Empty variant texts are ignored. */
  constructor(variants: readonly Variant[]) {
    const { fold, cls } = tables();
    this.variants = variants;
    this.boundary = new Uint8Array(variants.length);
    this.firstAlnum = new Uint8Array(variants.length);
    this.lastAlnum = new Uint8Array(variants.length);

    // Folded pattern texts, shared by variants that fold alike.
    const patternIndex = new Map<string, number>();
    const patterns: string[] = [];
    const keyed: Variant[] = [];
    variants.forEach((v, i) => {
      if (v.keyed === true) {
        keyed.push(v);
        return;
      }
      const t = v.text;
      this.boundary[i] = boundaryOf(v);
      this.firstAlnum[i] = t.length > 0 && (cls[t.charCodeAt(0)]! & ALNUM) !== 0 ? 1 : 0;
      this.lastAlnum[i] = t.length > 0 && (cls[t.charCodeAt(t.length - 1)]! & ALNUM) !== 0 ? 1 : 0;
      if (t.length === 0) return;
      const folded = foldString(t, fold);
      let p = patternIndex.get(folded);
      if (p === undefined) {
        p = patterns.length;
        patternIndex.set(folded, p);
        patterns.push(folded);
        this.patternLength.push(folded.length);
        this.patternVariants.push([]);
      }
      this.patternVariants[p]!.push(i);
    });
    this.keyed = keyed;
    this.patterns = patterns;

    const { symOf: symOfUnit, asciiSymbols } = numberSymbols(patterns, 0x10000);
    this.sym = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) this.sym[c] = symOfUnit[fold[c]!]!;
    this.auto = buildAutomaton(patterns, this.sym, asciiSymbols);
  }

  /** Whether pattern `p` is only ever a hit in its exact text (all its variants case-sensitive). */
  patternIsExact(p: number): boolean {
    return this.patternVariants[p]!.every((vi) => this.variants[vi]!.caseSensitive === true);
  }

  /** Number of automaton states (for benchmarks and tests). */
  get stateCount(): number {
    return this.auto.fail.length;
  }

  /**
   * The automaton, the symbol of every code unit and the slow-path transition, for a scan that
   * folds other work into the same loop as {@link mayMatch} does (prefilter.ts).
   */
  get scanTables(): { auto: Automaton; sym: Uint16Array; step: (state: number, c: number) => number } {
    return { auto: this.auto, sym: this.sym, step: (state, c) => this.step(state, c) };
  }

  /**
   * Every occurrence of every variant in `text`, in order of end position, after exact
   * verification of case-sensitive variants and the token-boundary rule.
   */
  find(text: string): MatchResult[] {
    const out: MatchResult[] = [];
    const { rows, width, denseCount, report } = this.auto;
    const sym = this.sym;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && s < denseCount) {
        const x = rows[s * width + sym[c]!]!;
        s = x >> 1;
        if ((x & 1) === 0) continue;
      } else {
        s = this.step(s, c);
        if (report[s]! < 0) continue;
      }
      this.collect(text, i, s, out);
    }
    return out;
  }

  /**
   * Whether some variant's folded text occurs in `text`, before verification and boundary
   * checks: a cheap test that never says no where {@link find} would find something.
   */
  mayMatch(text: string): boolean {
    const { rows, width, denseCount, report } = this.auto;
    const sym = this.sym;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && s < denseCount) {
        const x = rows[s * width + sym[c]!]!;
        s = x >> 1;
        if ((x & 1) !== 0) return true;
      } else {
        s = this.step(s, c);
        if (report[s]! >= 0) return true;
      }
    }
    return false;
  }

  /** Transition off the fast rows: from a deep state, or on a non-ASCII character. */
  private step(state: number, c: number): number {
    const a = this.sym[c]!;
    if (a === 0) return 0;
    const { rows, width, denseCount, edgeStart, edgeSym, edgeTo, fail } = this.auto;
    for (let s = state; ; s = fail[s]!) {
      if (a < width && s < denseCount) return rows[s * width + a]! >> 1;
      for (let e = edgeStart[s]!, end = edgeStart[s + 1]!; e < end; e++) if (edgeSym[e] === a) return edgeTo[e]!;
      if (s === 0) return 0;
    }
  }

  private collect(text: string, end: number, state: number, out: MatchResult[]): void {
    const cls = charClass!;
    const { report, nextReport, patternAt } = this.auto;
    for (let t = report[state]!; t >= 0; t = nextReport[t]!) {
      const p = patternAt[t]!;
      const len = this.patternLength[p]!;
      const start = end - len + 1;
      const before = start > 0 ? cls[text.charCodeAt(start - 1)]! : 0;
      const after = end + 1 < text.length ? cls[text.charCodeAt(end + 1)]! : 0;
      for (const vi of this.patternVariants[p]!) {
        const v = this.variants[vi]!;
        const b = this.boundary[vi]!;
        if (b === ALNUM) {
          if ((this.firstAlnum[vi] && before & ALNUM) || (this.lastAlnum[vi] && after & ALNUM)) continue;
        } else if ((before | after) & b) {
          continue;
        }
        if (v.caseSensitive && !sameAt(text, start, v.text)) continue;
        out.push({ variant: v, start });
      }
    }
  }
}

/** `t` case-folded unit by unit, as the scan folds text (returns `t` itself when unchanged). */
function foldString(t: string, fold: Uint16Array): string {
  let k = 0;
  while (k < t.length && fold[t.charCodeAt(k)] === t.charCodeAt(k)) k++;
  if (k === t.length) return t;
  const units = new Array<number>(t.length);
  for (let j = 0; j < t.length; j++) units[j] = fold[t.charCodeAt(j)]!;
  return String.fromCharCode(...units);
}

function sameAt(text: string, start: number, needle: string): boolean {
  for (let k = 0; k < needle.length; k++) if (text.charCodeAt(start + k) !== needle.charCodeAt(k)) return false;
  return true;
}
