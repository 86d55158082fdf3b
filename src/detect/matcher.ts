import type { Variant } from './types.js';

/*
 * Aho–Corasick over all variant texts at once, on case-folded UTF-16 code units.
 *
 * Layout, chosen for the scan loop (the hot path of detection):
 * - every code unit maps to a small symbol id through one 64K table (0 = no pattern contains
 *   it, which sends the automaton straight back to the root);
 * - states are numbered breadth-first, so the shallow states (depth ≤ DENSE_DEPTH), where a
 *   scan of ordinary text spends nearly all its time, come first and get a complete DFA row
 *   (failure links already resolved); deeper states, which almost always have a single child,
 *   keep sparse edges and fall back along failure links.
 * - a match is reported at its end position; case-sensitive variants (base64, upper/lower hex)
 *   are then verified exactly against the original text, and the token-boundary rule applied.
 */

const DENSE_DEPTH = 2;

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
  /** Code unit → symbol id (0: in no pattern). */
  private readonly sym: Uint16Array;
  private readonly width: number;
  private readonly denseCount: number;
  private readonly dense: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeSym: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  /** First state at or along the failure chain of a state where a pattern ends (-1: none). */
  private readonly report: Int32Array;
  /** For a state where a pattern ends: the next such state along its failure chain. */
  private readonly nextReport: Int32Array;
  /** Pattern ending at a state (-1: none). */
  private readonly patternAt: Int32Array;
  private readonly patternLength: number[] = [];
  /** Variant indices per pattern (variants whose folded texts coincide share a pattern). */
  private readonly patternVariants: number[][] = [];
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

    // Folded pattern texts, shared by variants that fold alike; symbols for their code units.
    const patternIndex = new Map<string, number>();
    const patterns: string[] = [];
    const symOfUnit = new Uint16Array(0x10000);
    let symbols = 0;
    variants.forEach((v, i) => {
      const t = v.text;
      this.boundary[i] = boundaryOf(v);
      this.firstAlnum[i] = t.length > 0 && (cls[t.charCodeAt(0)]! & ALNUM) !== 0 ? 1 : 0;
      this.lastAlnum[i] = t.length > 0 && (cls[t.charCodeAt(t.length - 1)]! & ALNUM) !== 0 ? 1 : 0;
      if (t.length === 0) return;
      const low = t.toLowerCase();
      // toLowerCase is the fast path; the per-unit fold only where it changed the length.
      const folded = low.length === t.length ? low : String.fromCharCode(...Array.from(t, (_, k) => fold[t.charCodeAt(k)]!));
      for (let k = 0; k < folded.length; k++) {
        const f = folded.charCodeAt(k);
        if (symOfUnit[f] === 0) symOfUnit[f] = ++symbols;
      }
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
    this.width = symbols + 1;
    this.sym = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) this.sym[c] = symOfUnit[fold[c]!]!;

    const built = buildAutomaton(patterns, symOfUnit, this.width);
    this.denseCount = built.denseCount;
    this.dense = built.dense;
    this.edgeStart = built.edgeStart;
    this.edgeSym = built.edgeSym;
    this.edgeTo = built.edgeTo;
    this.fail = built.fail;
    this.report = built.report;
    this.nextReport = built.nextReport;
    this.patternAt = built.patternAt;
  }

  /** Number of automaton states (for benchmarks and tests). */
  get stateCount(): number {
    return this.fail.length;
  }

  /**
   * Every occurrence of every variant in `text`, in order of end position, after exact
   * verification of case-sensitive variants and the token-boundary rule.
   */
  find(text: string): MatchResult[] {
    const out: MatchResult[] = [];
    const { sym, dense, width, denseCount, report } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const a = sym[text.charCodeAt(i)]!;
      if (a === 0) {
        s = 0;
        continue;
      }
      s = s < denseCount ? dense[s * width + a]! : this.stepSparse(s, a);
      if (report[s]! >= 0) this.collect(text, i, s, out);
    }
    return out;
  }

  /** Transition from a deep state: its own edges, else along failure links. */
  private stepSparse(state: number, a: number): number {
    let s = state;
    for (;;) {
      if (s < this.denseCount) return this.dense[s * this.width + a]!;
      for (let e = this.edgeStart[s]!, end = this.edgeStart[s + 1]!; e < end; e++) {
        if (this.edgeSym[e] === a) return this.edgeTo[e]!;
      }
      s = this.fail[s]!;
    }
  }

  private collect(text: string, end: number, state: number, out: MatchResult[]): void {
    const cls = charClass!;
    for (let t = this.report[state]!; t >= 0; t = this.nextReport[t]!) {
      const p = this.patternAt[t]!;
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

function sameAt(text: string, start: number, needle: string): boolean {
  for (let k = 0; k < needle.length; k++) if (text.charCodeAt(start + k) !== needle.charCodeAt(k)) return false;
  return true;
}

interface Automaton {
  denseCount: number;
  dense: Int32Array;
  edgeStart: Int32Array;
  edgeSym: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  report: Int32Array;
  nextReport: Int32Array;
  patternAt: Int32Array;
}

/** Trie, breadth-first renumbering, failure links, dense rows for shallow states. */
function buildAutomaton(patterns: string[], symOf: Uint16Array, width: number): Automaton {
  // Trie as child lists (first child / next sibling). Inserting the patterns in sorted order
  // means each one shares its path with the previous one up to their common prefix: no
  // child lookups at all while building.
  let total = 1;
  let longest = 0;
  for (const pat of patterns) {
    total += pat.length;
    longest = Math.max(longest, pat.length);
  }
  const child = new Int32Array(total).fill(-1);
  const sibling = new Int32Array(total).fill(-1);
  const label = new Uint16Array(total);
  const endOf = new Int32Array(total).fill(-1);
  const path = new Int32Array(longest + 1);
  const sorted = patterns.map((_, i) => i).sort((x, y) => (patterns[x]! < patterns[y]! ? -1 : 1));
  let count = 1;
  let prev = '';
  for (const p of sorted) {
    const pat = patterns[p]!;
    let common = 0;
    const max = Math.min(prev.length, pat.length);
    while (common < max && prev.charCodeAt(common) === pat.charCodeAt(common)) common++;
    let node = path[common]!;
    for (let k = common; k < pat.length; k++) {
      const c = count++;
      label[c] = symOf[pat.charCodeAt(k)]!;
      sibling[c] = child[node]!;
      child[node] = c;
      node = c;
      path[k + 1] = c;
    }
    endOf[node] = p;
    prev = pat;
  }

  // Breadth-first order: ids by non-decreasing depth, so dense states form a prefix.
  const n = count;
  const order = new Int32Array(n);
  const newId = new Int32Array(n);
  const depth = new Int32Array(n);
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const old = order[head]!;
    newId[old] = head++;
    for (let c = child[old]!; c !== -1; c = sibling[c]!) {
      depth[tail] = depth[newId[old]!]! + 1;
      order[tail++] = c;
    }
  }
  let denseCount = 0;
  while (denseCount < n && depth[denseCount]! <= DENSE_DEPTH) denseCount++;

  const edgeStart = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) {
    let count = 0;
    for (let c = child[order[s]!]!; c !== -1; c = sibling[c]!) count++;
    edgeStart[s + 1] = edgeStart[s]! + count;
  }
  const edgeSym = new Uint16Array(edgeStart[n]!);
  const edgeTo = new Int32Array(edgeStart[n]!);
  const patternAt = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    let e = edgeStart[s]!;
    for (let c = child[order[s]!]!; c !== -1; c = sibling[c]!, e++) {
      edgeSym[e] = label[c]!;
      edgeTo[e] = newId[c]!;
    }
    patternAt[s] = endOf[order[s]!]!;
  }

  const dense = new Int32Array(denseCount * width);
  const fail = new Int32Array(n);
  const report = new Int32Array(n).fill(-1);
  const nextReport = new Int32Array(n).fill(-1);
  const delta = (state: number, a: number): number => {
    let s = state;
    for (;;) {
      if (s < denseCount) return dense[s * width + a]!;
      for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) if (edgeSym[e] === a) return edgeTo[e]!;
      s = fail[s]!;
    }
  };
  // States in BFS order: a state's failure target is shallower, hence already complete.
  for (let s = 0; s < n; s++) {
    if (s < denseCount) {
      const row = s * width;
      const fallback = fail[s]! * width;
      for (let a = 1; a < width; a++) dense[row + a] = s === 0 ? 0 : dense[fallback + a]!;
      for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) dense[row + edgeSym[e]!] = edgeTo[e]!;
    }
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      fail[edgeTo[e]!] = s === 0 ? 0 : delta(fail[s]!, edgeSym[e]!);
    }
    const f = s === 0 ? -1 : report[fail[s]!]!;
    nextReport[s] = f;
    report[s] = patternAt[s]! >= 0 ? s : f;
  }
  return { denseCount, dense, edgeStart, edgeSym, edgeTo, fail, report, nextReport, patternAt };
}
