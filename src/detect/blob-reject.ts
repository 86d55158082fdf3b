import { textLikeStart } from './decode.js';
import { BASE64_VALUE as LZ_BASE64, MIN_LZ_CHARS, reverse6, textual, URI_VALUE as LZ_URI } from './lz-string.js';

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
 * Anything else is "maybe": the run goes to the decoders as before. blob-reject.wat's
 * `undecodable` does the same in the kernel; this is its reference (and the tests' one). It
 * skips the URI alphabet's reading when the base64 one looked at no character the two alphabets
 * value differently (`$`, `-`, `/`): that reading would go the same way.
 */

/** Slashes in one run beyond which it is left to prefilter.ts (which gives up on it: 32 cuts). */
const MAX_SLASHES = 30;

/** 6-bit symbol reversals for the kernel, with `$` (64 in LZ-string's URI alphabet) as six zero bits, as lz-string.ts reads it. */
export const REVERSED = Uint8Array.from({ length: 65 }, (_, v) => (v === 64 ? 0 : reverse6(v)));

/** Whether the 16 characters at `s` may open base64 text: decode.ts's own test, on those characters (ASCII). */
function base64MayStart(b: Uint8Array, s: number): boolean {
  return textLikeStart(Buffer.from(b.buffer, b.byteOffset + s, 16).toString('latin1'), 16);
}

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
