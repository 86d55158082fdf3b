import type { Automaton } from './automaton.js';
import { REVERSED } from './blob-reject.js';
import { B64_VALUE } from './decode.js';
import { BASE64_VALUE as LZ_BASE64, URI_VALUE as LZ_URI } from './lz-string.js';
import { byteAutomaton } from './byte-automaton.js';
import { LZ_UTF16_UNITS } from './lz-string.js';
import type { Matcher } from './matcher.js';
import { MIN_BLOB, tables } from './sweep.js';

/*
 * What sweep.wat reads from its memory for one matcher (see the layout there), and the
 * constants it imports: built here once per matcher, copied into the instance by kernel.ts.
 */

/**
 * Byte classes beyond sweep.ts's: lead bytes of code units past Latin-1 that compressToUTF16
 * writes (lz-string.ts's isLzUtf16Signal), 0xE2 and 0xE8 only in part (sweep.wat looks further).
 */
const OTHER = 4 << 16;
const SIGNAL = 8 << 16;
const SIGNAL_E2 = 16 << 16;
const SIGNAL_E8 = 32 << 16;

/** The tables (named as sweep.wat imports their addresses) and the other constants. */
export interface KernelLayout {
  parts: Array<[string, ArrayBufferView]>;
  constants: Record<string, number>;
  /** The start filter's 64-bit mask and shift. */
  mask: bigint;
  shift: bigint;
}

const K = 0x9e3779b97f4a7c15n;
const WORD = (1n << 64n) - 1n;

/** sweep.wat's filter of pattern starts (see there), with a bitmap about 256 times as large as its entries, at most 128 KB. */
function startFilter(patterns: string[]): { bitmap: Uint8Array; mask: bigint; shift: bigint; stride: number } {
  const shortest = Math.min(...patterns.map((p) => p.length));
  const stride = shortest >= 2 ? 2 : 1;
  const q = Math.min(8, shortest - stride + 1);
  const mask = (1n << BigInt(8 * q)) - 1n;
  const grams = new Set<bigint>();
  for (const p of patterns) {
    for (let o = 0; o < stride; o++) {
      let g = 0n;
      for (let k = 0; k < q; k++) g |= BigInt(p.charCodeAt(o + k)) << BigInt(8 * k);
      grams.add(g);
    }
  }
  const bits = Math.min(20, Math.max(10, Math.ceil(Math.log2(grams.size * 256))));
  const shift = BigInt(64 - bits);
  const bitmap = new Uint8Array(1 << (bits - 3));
  for (const g of grams) {
    const h = Number(((((g | 0x2020202020202020n) & mask) * K) & WORD) >> shift);
    bitmap[h >>> 3]! |= 1 << (h & 7);
  }
  return { bitmap, mask, shift, stride };
}

/** Whether sweep.wat's vector test calls byte `b` a blob character. */
function vectorBlob(b: number): boolean {
  const letter = (((b | 0x20) - 0x61) & 0xff) < 26;
  const other = b === 0x2f || b === 0x2d || b === 0x5f || b === 0x24;
  const digit = ((b - 0x30) & 0xff) < 10;
  return letter || other || digit;
}

/** First state of each depth (states are numbered breadth-first), then one past the last state. */
function levels(auto: Automaton): Int32Array {
  const n = auto.fail.length;
  const depth = new Int32Array(n);
  let deepest = 0;
  for (let s = 0; s < n; s++) {
    for (let e = auto.edgeStart[s]!; e < auto.edgeStart[s + 1]!; e++) depth[auto.edgeTo[e]!] = depth[s]! + 1;
    deepest = depth[s]!;
  }
  const first = new Int32Array(deepest + 2).fill(n);
  for (let s = n - 1; s >= 0; s--) first[depth[s]!] = s;
  return first;
}

/** A matcher's tables for sweep.wat; undefined when its byte automaton cannot be built. */
export function kernelLayout(matcher: Matcher): KernelLayout | undefined {
  const built = byteAutomaton(matcher);
  if (built === undefined) return undefined;
  const { auto, sym, patterns } = built;
  const js = tables(matcher).tab;
  const tab = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    // ASCII: sweep.ts's classes and hex flag; beyond: lead bytes of units past Latin-1 signal.
    const cls = b < 0x80 ? js[b]! & ~0x7fff : b >= 0xc4 && b <= 0xe8 ? (b === 0xe2 ? SIGNAL_E2 : b === 0xe8 ? SIGNAL_E8 : SIGNAL) : OTHER;
    tab[b] = sym[b]! | cls;
    // The kernel finds run ends with vector compares: they must be this table's classes.
    if (vectorBlob(b) !== (cls >>> 16 === 0)) return undefined;
    // Its quiet blocks are those without % + \ (vector compares): they must be the escapes.
    if ((cls >>> 16 === 2) !== (b === 0x25 || b === 0x2b || b === 0x5c)) return undefined;
  }
  const start = startFilter(patterns);
  return {
    parts: [
      ['bitmap', start.bitmap], ['levels', levels(auto)],
      ['tab', tab], ['rows', auto.rows], ['edgeStart', auto.edgeStart], ['edgeSym', auto.edgeSym],
      ['edgeTo', auto.edgeTo], ['fail', auto.fail], ['report', Uint8Array.from(auto.report, (r) => (r >= 0 ? 1 : 0))],
      ['b64', B64_VALUE], ['lzb64', LZ_BASE64], ['lzuri', LZ_URI], ['rev', REVERSED],
    ],
    constants: {
      stride: start.stride, width: auto.width, dense: auto.denseCount, minBlob: MIN_BLOB, signals: LZ_UTF16_UNITS,
    },
    mask: start.mask,
    shift: start.shift,
  };
}
