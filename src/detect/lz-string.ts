/*
 * Decoding of LZ-string (pieroxy's LZW variant, MIT), which session recorders and some tag
 * managers use to shrink what they send or store: `compressToBase64`,
 * `compressToEncodedURIComponent` and `compressToUTF16`. Our own decoder of the published
 * format rather than the package's, because it must be bounded and suspicious: it runs on
 * every token-like string of every request, a few bytes of random data can make LZW output
 * grow quadratically, and only text-like output is of use. It gives up (undefined) at the
 * first sign of random data: a bad code, a control character, output past the cap.
 */

/** Shortest string tried: `compressToEncodedURIComponent` of a six-character value is about that long. */
export const MIN_LZ_CHARS = 12;
/** Output cap, in UTF-16 code units, also relative to the input (text rarely compresses 40×). */
const MAX_OUTPUT = 4 * 1024 * 1024;
const MAX_RATIO = 40;

// `=` is padding, no symbol: a stream reads it as foreign. The kernel gets the same tables (kernel-layout.ts).
const BASE64_KEYS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URI_KEYS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

function reverse(keys: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < keys.length; i++) table[keys.charCodeAt(i)] = i;
  return table;
}
export const BASE64_VALUE = reverse(BASE64_KEYS);
export const URI_VALUE = reverse(URI_KEYS);

/** A character a text may hold: no control characters but tab and line breaks, no non-characters. */
export const textual = (c: number): boolean =>
  (c >= 0x20 && c !== 0x7f && c < 0xfffe) || c === 0x09 || c === 0x0a || c === 0x0d;

/** Alphabets: LZ-string's base64 and URI-component outputs (6 bits a character), and UTF-16 (15 bits). */
const BASE64 = 0;
const URI = 1;
const UTF16 = 2;

/**
 * The bit reader. One instance serves every call: decoding is synchronous and never re-entered,
 * and a reader that is neither allocated nor closed over lets the common case — a random token
 * refused within a few codes — cost next to nothing.
 */
class BitReader {
  text = '';
  length = 0;
  alphabet = BASE64;
  index = 0;
  /** Bits not yet read, next one lowest (symbols arrive most significant bit first: reversed). */
  buffer = 0;
  /** How many bits `buffer` holds: the rest of the last symbol loaded. */
  count = 0;

  begin(s: string, symbols: number, kind: number): void {
    this.text = s;
    this.length = symbols;
    this.alphabet = kind;
    this.index = 0;
    this.buffer = 0;
    this.count = 0;
  }

  /** The value of symbol `i`, or -1 when it is not of the alphabet. */
  symbolAt(i: number): number {
    const c = this.text.charCodeAt(i);
    if (this.alphabet === UTF16) return c >= 32 && c < 32 + 0x8000 ? c - 32 : -1;
    if (c >= 128) return -1;
    if (this.alphabet === BASE64) return BASE64_VALUE[c]!;
    return c === 0x20 ? URI_VALUE[0x2b]! : URI_VALUE[c]!;
  }

  /** The next `n` (≤ 16) bits, least significant first, or -1 past the end or at a foreign character. */
  read(n: number): number {
    while (this.count < n) {
      if (this.index >= this.length) return -1;
      const v = this.symbolAt(this.index++);
      if (v < 0) return -1;
      const wide = this.alphabet === UTF16;
      this.buffer |= (wide ? REVERSED_15[v]! : REVERSED_6[v]!) << this.count;
      this.count += wide ? 15 : 6;
    }
    const bits = this.buffer & ((1 << n) - 1);
    this.buffer >>>= n;
    this.count -= n;
    return bits;
  }

  /**
   * After the end code: the encoder pads the last symbol with zero bits, may add a zero symbol,
   * and compressToUTF16 a trailing space (zero too). Random tokens rarely end so exactly.
   */
  paddedEnd(): boolean {
    if (this.buffer !== 0 || this.length - this.index > 2) return false;
    for (let i = this.index; i < this.length; i++) if (this.symbolAt(i) !== 0) return false;
    return true;
  }
}

/** Bit reversals of 6- and 15-bit symbols: the stream's bits go most significant first. */
export const reverse6 = (v: number): number => {
  let r = 0;
  for (let k = 0; k < 6; k++) if ((v >> k) & 1) r |= 1 << (5 - k);
  return r;
};
const REVERSED_6 = Uint8Array.from({ length: 64 }, (_, v) => reverse6(v));
const REVERSED_15 = Uint16Array.from({ length: 0x8000 }, (_, v) => {
  let r = 0;
  for (let k = 0; k < 15; k++) if ((v >> k) & 1) r |= 1 << (14 - k);
  return r;
});

const reader = new BitReader();
const read = (n: number): number => reader.read(n);

/** A literal character of the given width, or -1 when it is not one text holds. */
function literal(width: number): number {
  const c = read(width);
  return c >= 0 && textual(c) ? c : -1;
}

/** Whether the stream is well formed (codes within the dictionary, textual literals, a padded end), building nothing. */
function wellFormed(): boolean {
  const first = read(2);
  if ((first !== 0 && first !== 1) || literal(first === 0 ? 8 : 16) < 0) return false;
  let size = 4; // dictionary entries so far, the three reserved codes included
  let enlargeIn = 4;
  let numBits = 3;
  for (;;) {
    let code = read(numBits);
    if (code < 0) return false;
    if (code === 2) return reader.paddedEnd();
    if (code === 0 || code === 1) {
      if (literal(code === 0 ? 8 : 16) < 0) return false;
      code = size++;
      if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
    }
    if (code > size || code < 3) return false;
    size++;
    if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
  }
}

/** The LZW decoder proper, on a stream {@link wellFormed} accepted; undefined past the output cap. */
function decode(): string | undefined {
  const max = Math.min(MAX_OUTPUT, reader.length * MAX_RATIO);
  const first = read(2);
  let w = String.fromCharCode(literal(first === 0 ? 8 : 16));
  const dictionary: string[] = ['', '', '', w];
  const parts: string[] = [w];
  let out = 1;
  let enlargeIn = 4;
  let numBits = 3;
  for (;;) {
    let code = read(numBits);
    if (code === 2) return parts.join('');
    if (code === 0 || code === 1) {
      const c = literal(code === 0 ? 8 : 16);
      code = dictionary.length;
      dictionary.push(String.fromCharCode(c));
      if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
    }
    const entry = code < dictionary.length ? dictionary[code]! : w + w.charAt(0);
    out += entry.length;
    if (out > max) return undefined;
    parts.push(entry);
    dictionary.push(w + entry.charAt(0));
    w = entry;
    if (--enlargeIn === 0) enlargeIn = 1 << numBits++;
  }
}

/** The text an LZ-string stream of `symbols` characters of `s` stands for, or undefined. */
function decompress(s: string, symbols: number, kind: number): string | undefined {
  reader.begin(s, symbols, kind);
  if (!wellFormed()) return undefined;
  reader.begin(s, symbols, kind);
  const out = decode();
  reader.text = '';
  return out;
}

/**
 * The text behind `compressToBase64` or `compressToEncodedURIComponent` output (padding and
 * a `+` read as a space forgiven), when `s` is one and decodes to text. Digit and hex runs —
 * ids and digests, most of the tokens in requests — are not tried: such LZ-string output of
 * twelve characters or more is all but impossible. No regex and no copy: the decoder reads
 * the string in place and most tokens fail within their first characters.
 */
export function decodeLzString(s: string): string | undefined {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d) end--;
  if (end < MIN_LZ_CHARS || isHex(s, end)) return undefined;
  const fromBase64 = decompress(s, end, BASE64);
  if (fromBase64 !== undefined && fromBase64.length > 0) return fromBase64;
  const fromUri = decompress(s, end, URI);
  return fromUri !== undefined && fromUri.length > 0 ? fromUri : undefined;
}

function isHex(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Code units `compressToUTF16` writes: 15 bits each, plus 32. */
const isUtf16Unit = (c: number): boolean => c >= 32 && c < 32 + 0x8000;

/**
 * Whether `s` looks like `compressToUTF16` output: long enough, every code unit in its range,
 * and at least 40 % of them beyond Latin-1 (measured: 60 % or more). Ordinary text fails on
 * its first sixteen characters.
 */
export function looksLzUtf16(s: string): boolean {
  if (s.length < MIN_LZ_CHARS) return false;
  let high = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isUtf16Unit(c)) return false;
    if (c >= 0x100) high++;
    else if (i === 15 && high === 0) return false;
  }
  return high >= s.length * 0.4;
}

/** The text behind `compressToUTF16` output, when `s` is some and decodes to text. */
export function decodeLzUtf16(s: string): string | undefined {
  if (!looksLzUtf16(s)) return undefined;
  const out = decompress(s, s.length, UTF16);
  return out !== undefined && out.length > 0 ? out : undefined;
}

/**
 * Code units beyond Latin-1 from which a text may hold `compressToUTF16` output: a blob of
 * {@link MIN_LZ_CHARS} has at least five; General Punctuation, currency signs and letterlike
 * symbols (U+2000–U+214F: dashes, curly quotes, €) do not count, so Latin-script text stays below.
 */
export const LZ_UTF16_UNITS = 3;
export const isLzUtf16Signal = (c: number): boolean => c >= 0x100 && c < 32 + 0x8000 && (c < 0x2000 || c >= 0x2150);
