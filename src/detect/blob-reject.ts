import { MIN_LZ_CHARS } from './lz-string.js';

/*
 * A cheap proof, read from the kernel's bytes (no string made), that the prefilter's blob step
 * (prefilter.ts: `blob`) would find nothing in a blob run: neither `decodeBase64Text` nor
 * `decodeLzString` decodes the run or any stretch of it between slashes. Most runs are random
 * tokens (session ids, hashes with a prefix), and turning each into a string only to have both
 * decoders refuse it was most of the prefilter's time after the kernel.
 *
 * Each stretch begins at the run's start or after a slash, and both decoders look at a
 * stretch's first characters before its length matters:
 * - base64 (decode.ts `textLikeStart`): a stretch of 16 or more characters is decoded only when
 *   its first 16 characters are base64 digits whose 12 bytes may open UTF-8 text (at most one
 *   control byte); shorter ones never.
 * - LZ-string (lz-string.ts `wellFormed`), in its base64 and URI alphabets: a stream is read
 *   code by code and accepted only at an end code with nothing but zero padding after it. The
 *   codes of every stretch from one start are those of the longest one, up to its end; so when
 *   the longest reads no end code before it fails (a bad code, a literal no text holds, a
 *   foreign character, its end), neither does any; and when it does, only a stretch that ends
 *   within its padding (`paddedEnd`) is accepted.
 * Anything else is "maybe": the run goes to the decoders as before. sweep.wat's `undecodable`
 * does the same in the kernel; this is its reference (and the tests' one).
 */

/** Slashes in one run beyond which it is left to prefilter.ts (which gives up on it: 32 cuts). */
const MAX_SLASHES = 30;

const B64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const table = (keys: string, extra: Record<string, number>): Int8Array => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < keys.length; i++) t[keys.charCodeAt(i)] = i;
  for (const [ch, v] of Object.entries(extra)) t[ch.charCodeAt(0)] = v;
  return t;
};
/** decode.ts's base64 digits: both alphabets. */
export const BASE64_TEXT = table(B64_DIGITS, { '-': 62, '_': 63 });
/** LZ-string's alphabets; `$` (64 in the URI one) reads as six zero bits there, as lz-string.ts's table makes it. */
export const LZ_BASE64 = table(B64_DIGITS, {});
export const LZ_URI = table('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-', { $: 64 });
export const REVERSED = Uint8Array.from({ length: 65 }, (_, v) => {
  let r = 0;
  for (let k = 0; k < 6; k++) if ((v >> k) & 1) r |= 1 << (5 - k);
  return v === 64 ? 0 : r;
});

/** Whether the 16 characters at `s` may open base64 text (decode.ts's test, for a stretch that long). */
function base64MayStart(b: Uint8Array, s: number): boolean {
  let bad = 0;
  let pending = 0;
  for (let q = s; q < s + 16; q += 4) {
    const d0 = BASE64_TEXT[b[q]! & 0x7f]!;
    const d1 = BASE64_TEXT[b[q + 1]! & 0x7f]!;
    const d2 = BASE64_TEXT[b[q + 2]! & 0x7f]!;
    const d3 = BASE64_TEXT[b[q + 3]! & 0x7f]!;
    if ((d0 | d1 | d2 | d3) < 0) return false;
    const n = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    for (let shift = 16; shift >= 0; shift -= 8) {
      const x = (n >>> shift) & 0xff;
      if (pending > 0) {
        if ((x & 0xc0) !== 0x80) return false;
        pending--;
      } else if (x >= 0x80) {
        if (x >= 0xc2 && x <= 0xdf) pending = 1;
        else if (x >= 0xe0 && x <= 0xef) pending = 2;
        else if (x >= 0xf0 && x <= 0xf4) pending = 3;
        else return false;
      } else if ((x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d) || x === 0x7f) {
        if (++bad > 1) return false;
      }
    }
  }
  return true;
}

const textual = (c: number): boolean => (c >= 0x20 && c !== 0x7f && c < 0xfffe) || c === 0x09 || c === 0x0a || c === 0x0d;

/** The LZ-string bit reader's state (one, never re-entered: no closure or object per run). */
const lz = { b: new Uint8Array(0) as Uint8Array, i: 0, end: 0, buffer: 0, count: 0, alphabet: LZ_BASE64 };

/** The next `n` bits of the stream, or -1 at its end or a foreign character. */
function read(n: number): number {
  while (lz.count < n) {
    if (lz.i >= lz.end) return -1;
    const v = lz.alphabet[lz.b[lz.i++]! & 0x7f]!;
    if (v < 0) return -1;
    lz.buffer |= REVERSED[v]! << lz.count;
    lz.count += 6;
  }
  const bits = lz.buffer & ((1 << n) - 1);
  lz.buffer >>>= n;
  lz.count -= n;
  return bits;
}

function literal(width: number): boolean {
  const c = read(width);
  return c >= 0 && textual(c);
}

/**
 * After the end code: whether some stretch may end there as lz-string.ts's `paddedEnd` wants
 * (the rest of the last symbol zero, then at most two zero symbols): a stretch ends at the
 * run's end or before a slash, so one of those must come within two symbols, only zeros
 * before it. A stretch that ends earlier never reads the end code. Random tokens that read an
 * end code by chance (about one in five) rarely end so.
 */
function paddedEnd(b: Uint8Array, end: number): boolean {
  if (lz.buffer !== 0) return false;
  for (let e = lz.i; e <= lz.i + 2; e++) {
    if (e >= end || b[e] === 0x2f) return true;
    if (lz.alphabet[b[e]! & 0x7f] !== 0) return false;
  }
  return false;
}

/** Whether an LZ-string stream in `alphabet` from `s` to `end` reads an end code, padded, before it fails. */
function lzMayEnd(b: Uint8Array, s: number, end: number, alphabet: Int8Array): boolean {
  lz.b = b;
  lz.i = s;
  lz.end = end;
  lz.buffer = 0;
  lz.count = 0;
  lz.alphabet = alphabet;
  const first = read(2);
  if ((first !== 0 && first !== 1) || !literal(first === 0 ? 8 : 16)) return false;
  let size = 4;
  let enlargeIn = 4;
  let numBits = 3;
  for (;;) {
    let code = read(numBits);
    if (code < 0) return false;
    if (code === 2) return paddedEnd(b, end);
    if (code === 0 || code === 1) {
      if (!literal(code === 0 ? 8 : 16)) return false;
      code = size++;
      if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
    }
    if (code > size || code < 3) return false;
    size++;
    if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
  }
}

/**
 * True when no decoder of the blob step decodes the run `b[start … end)` (ASCII blob
 * characters) or a stretch of it between slashes; false when one may.
 */
export function undecodableRun(b: Uint8Array, start: number, end: number): boolean {
  let slashes = 0;
  for (let s = start; s < end; s++) {
    if (s > start) {
      if (b[s - 1] !== 0x2f) continue;
      if (++slashes > MAX_SLASHES) return false;
    }
    if (end - s < MIN_LZ_CHARS) continue; // no stretch from here is tried
    if (end - s >= 16 && base64MayStart(b, s)) return false;
    if (lzMayEnd(b, s, end, LZ_BASE64) || lzMayEnd(b, s, end, LZ_URI)) return false;
  }
  return true;
}
