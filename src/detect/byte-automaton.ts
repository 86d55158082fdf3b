import { buildAutomaton, numberSymbols, type Automaton } from './automaton.js';
import type { Matcher } from './matcher.js';

/*
 * The matcher's patterns as UTF-8 byte patterns, for the WebAssembly sweep (kernel.ts), which
 * scans bytes where sweep.ts scans UTF-16 code units.
 *
 * The JS automaton matches a pattern character `c` with any code unit `u` of the same symbol
 * (`sym[u] === sym[c]`: every unit that folds to `c`, e.g. `ä`, `Ä`; `k`, `K` and the Kelvin
 * sign). Here each character becomes the set of UTF-8 encodings of those units, ASCII letters
 * folded by the byte table instead, and a pattern every combination of them. So any text whose
 * folded units hold a pattern holds one of its byte patterns in UTF-8.
 *
 * Exceptions, each sound because a byte pattern may stand for any SUBSTRING of a pattern
 * (a text holding the pattern holds each of its substrings: a superset of candidates):
 * - a pattern whose combinations exceed {@link MAX_COMBINATIONS} is replaced by its longest
 *   stretch within that bound;
 * - lone surrogates and U+FFFD are left out the same way (the stretch between them): in UTF-8
 *   they are all EF BF BD, and invalid bytes that a JS string would show as U+FFFD are not;
 * - a pattern whose variants are all case-sensitive (hex, base64) is a hit only in its exact
 *   ASCII text, so only the ASCII case-folds of it are searched (no Kelvin sign for `k`).
 * A pattern with no stretch left (a lone surrogate alone) makes the byte automaton refuse:
 * {@link byteAutomaton} returns undefined and the JS sweep is used.
 */

/** Combinations one pattern may expand to (non-ASCII letters have two or three encodings). */
const MAX_COMBINATIONS = 16;

/** A matcher's byte-level automaton and the symbol of every byte (ASCII letters folded). */
export interface ByteAutomaton {
  auto: Automaton;
  /** Byte → automaton symbol (0: in no pattern). */
  sym: Uint16Array;
  /** The byte patterns, as latin1 strings. */
  patterns: string[];
}

const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;
const asciiLower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

/** Per character of `pattern`: its byte encodings (latin1 strings), or undefined where it is cut. */
function alternatives(pattern: string, exact: boolean, sameSymbol: (c: number) => string[]): Array<string[] | undefined> {
  const out: Array<string[] | undefined> = [];
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charCodeAt(k);
    if (exact && c < 0x80) {
      out.push([String.fromCharCode(asciiLower(c))]);
    } else if (isSurrogate(c)) {
      const d = pattern.charCodeAt(k + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        // A pair is one code point (surrogates fold to themselves): both units as one character.
        out.push([utf8(pattern.slice(k, k + 2))], []);
        k++;
      } else {
        out.push(undefined);
      }
    } else if (c === 0xfffd) {
      out.push(undefined);
    } else {
      out.push(sameSymbol(c));
    }
  }
  return out;
}

/**
 * The longest stretch `[a, b)` of characters with no cut whose combinations stay within bounds
 * (an empty entry `[]` is the second half of a surrogate pair: it goes with the first).
 */
function stretch(alts: Array<string[] | undefined>): [number, number] {
  let best: [number, number] = [0, 0];
  let a = 0;
  let product = 1;
  for (let b = 0; b < alts.length; b++) {
    const alt = alts[b];
    if (alt === undefined) {
      a = b + 1;
      product = 1;
      continue;
    }
    product *= Math.max(1, alt.length);
    while (product > MAX_COMBINATIONS) product /= Math.max(1, alts[a++]!.length);
    // Never start on the second half of a pair.
    while (a <= b && alts[a]!.length === 0) a++;
    if (b + 1 - a > best[1] - best[0]) best = [a, b + 1];
  }
  return best;
}

/** Every combination of the alternatives of `alts[a…b)`, concatenated (most characters have one: appended as a run). */
function combine(alts: Array<string[] | undefined>, a: number, b: number): string[] {
  let out = [''];
  let run = '';
  for (let k = a; k < b; k++) {
    const alt = alts[k]!;
    if (alt.length === 1) run += alt[0]!;
    else if (alt.length > 1) {
      const prefix = run;
      out = out.flatMap((p) => alt.map((x) => p + prefix + x));
      run = '';
    }
  }
  return run === '' ? out : out.map((p) => p + run);
}

/** The byte automaton of a matcher (see above), or undefined when a pattern has no stretch to search. */
export function byteAutomaton(matcher: Matcher): ByteAutomaton | undefined {
  const { sym } = matcher.scanTables;
  // Code units by symbol, to find every unit a pattern character stands for.
  const units = new Map<number, number[]>();
  for (let u = 0; u < 0x10000; u++) {
    const s = sym[u]!;
    if (s === 0) continue;
    let list = units.get(s);
    if (list === undefined) units.set(s, (list = []));
    list.push(u);
  }
  // The encodings a character stands for, ASCII letters folded as the byte table folds them: once per character.
  const encodings = new Map<number, string[]>();
  const sameSymbol = (c: number): string[] => {
    let list = encodings.get(c);
    if (list === undefined) {
      const set = new Set<string>();
      for (const u of units.get(sym[c]!) ?? [c]) if (!isSurrogate(u)) set.add(utf8(String.fromCharCode(u)).replace(/[A-Z]/g, (x) => x.toLowerCase()));
      encodings.set(c, (list = [...set]));
    }
    return list;
  };
  const patterns = new Set<string>();
  for (let p = 0; p < matcher.patterns.length; p++) {
    const alts = alternatives(matcher.patterns[p]!, matcher.patternIsExact(p), sameSymbol);
    const [a, b] = stretch(alts);
    if (b === a) return undefined;
    for (const bytes of combine(alts, a, b)) patterns.add(bytes);
  }
  const list = [...patterns];
  const { symOf, asciiSymbols } = numberSymbols(list, 256);
  // The builder reads a symbol per code unit; byte patterns are latin1 strings.
  const byteSym = new Uint16Array(0x10000);
  for (let b = 0; b < 256; b++) byteSym[b] = symOf[asciiLower(b)]!;
  return { auto: buildAutomaton(list, byteSym, asciiSymbols), sym: byteSym.slice(0, 256), patterns: list };
}
