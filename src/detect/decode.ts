import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * Byte- and string-level decoders used to turn a request into views. Each one is total: on
 * input it cannot decode it returns `undefined` (or its input), never throws, because a
 * hostile or broken request must not stop detection of the others.
 */

/** Largest body (after decompression) searched, in bytes; beyond it a body is cut. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;


/** `decodeURIComponent` that keeps malformed sequences instead of throwing. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The decodings of a value: every form, raw first, and the fully decoded ones. */
export interface Decodings {
  forms: string[];
  /** The last round of each decoding chain (one, or two when `+` is ambiguous). */
  ends: string[];
}

/**
 * The successive decodings of a URL-encoded value, raw first, without repeats: up to three
 * rounds of percent-decoding (trackers double-encode), the first also turning `+` into a
 * space when `plus` (form encoding). A `+` that was meant literally (`ines+tag@…`, or
 * standard base64 sent unencoded) survives in a second chain that decodes percent signs only.
 */
export function decodeRounds(raw: string, plus: boolean): Decodings {
  const forms = [raw];
  const ends: string[] = [];
  const add = (form: string): void => {
    if (!forms.includes(form)) forms.push(form);
  };
  const chain = (first: string): void => {
    let cur = first;
    add(cur);
    for (let round = 1; round < 3; round++) {
      const next = percentDecode(cur);
      if (next === cur) break;
      cur = next;
      add(cur);
    }
    if (!ends.includes(cur)) ends.push(cur);
  };
  if (plus && raw.includes('+')) chain(percentDecode(raw.replace(/\+/g, ' ')));
  chain(percentDecode(raw));
  return { forms, ends };
}

/** Decoded text when `bytes` are valid UTF-8 and nearly all printable; else `undefined`. */
export function printableText(bytes: Buffer): string | undefined {
  // Count control bytes first: random (binary) bytes fail here, before any string is made.
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) bad++;
  }
  if (bytes.length === 0 || bad > bytes.length * 0.05) return undefined;
  const text = bytes.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD: binary that happened to avoid control bytes.
  return text.includes('\uFFFD') ? undefined : text;
}

/**
 * The text a base64/base64url blob stands for, when `s` is one (≥ 16 characters) and it
 * decodes to mostly printable UTF-8. Pure hex strings are skipped: ids and digests are hex,
 * and their base64 decoding is never text.
 */
export function decodeBase64Text(s: string, maxChars = MAX_BODY_BYTES): string | undefined {
  if (s.length < 16 || s.length > maxChars) return undefined;
  let end = s.length;
  while (end > s.length - 2 && s.charCodeAt(end - 1) === 0x3d) end--;
  // Random tokens — most blobs in requests — fail on their first bytes: test those first.
  if (!textLikeStart(s, end)) return undefined;
  // One pass for both shape tests; most candidates fail at their first space or punctuation.
  let hexOnly = true;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39;
    const lower = c >= 0x61 && c <= 0x7a;
    if (!(digit || lower || (c >= 0x41 && c <= 0x5a) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f)) return undefined;
    if (hexOnly && !digit && !(c >= 0x61 && c <= 0x66) && !(c >= 0x41 && c <= 0x46)) hexOnly = false;
  }
  return hexOnly ? undefined : printableText(Buffer.from(s, 'base64'));
}

/** Values of base64 and base64url digits by ASCII code (-1: not a digit); the kernel gets the same table (kernel-layout.ts). */
export const B64_VALUE = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((ch, v) => {
  B64_VALUE[ch.charCodeAt(0)] = v;
});
B64_VALUE[0x2d] = 62; // -
B64_VALUE[0x5f] = 63; // _

/** The value of the base64 digit at `i` of `s`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? B64_VALUE[c]! : -1;
}

/**
 * Whether the first (up to 12) bytes of a base64 string of `digits` valid digits can open a text:
 * at most one control byte, and well-formed UTF-8. Random tokens — most blobs in requests —
 * fail here without a buffer being made.
 */
export function textLikeStart(s: string, digits: number): boolean {
  let bad = 0;
  let pending = 0; // continuation bytes the current UTF-8 sequence still needs
  for (let q = 0; q < 16 && q + 4 <= digits; q += 4) {
    const d0 = digit(s, q);
    const d1 = digit(s, q + 1);
    const d2 = digit(s, q + 2);
    const d3 = digit(s, q + 3);
    if ((d0 | d1 | d2 | d3) < 0) return false;
    const n = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    for (let shift = 16; shift >= 0; shift -= 8) {
      const b = (n >>> shift) & 0xff;
      if (pending > 0) {
        if ((b & 0xc0) !== 0x80) return false;
        pending--;
      } else if (b >= 0x80) {
        if (b >= 0xc2 && b <= 0xdf) pending = 1;
        else if (b >= 0xe0 && b <= 0xef) pending = 2;
        else if (b >= 0xf0 && b <= 0xf4) pending = 3;
        else return false;
      } else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) {
        if (++bad > 1) return false;
      }
    }
  }
  return true;
}

/** A request body's bytes from its base64, reading no more than the size limit allows. */
export function bodyBytes(bodyBase64: string): Buffer {
  const maxChars = Math.ceil(MAX_BODY_BYTES / 3) * 4;
  return Buffer.from(bodyBase64.length > maxChars ? bodyBase64.slice(0, maxChars) : bodyBase64, 'base64');
}

/**
 * Decompresses a body by its `content-encoding` header, or by magic bytes (gzip `1f 8b`, a
 * zlib header) when the header is absent — `sendBeacon` callers compress in script. Output
 * is capped at {@link MAX_BODY_BYTES}; anything undecodable is returned unchanged.
 */
export function decompress(bytes: Buffer, contentEncoding: string | undefined): Buffer {
  const enc = (contentEncoding ?? '').toLowerCase();
  const opts = { maxOutputLength: MAX_BODY_BYTES };
  const gzipMagic = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const zlibMagic = bytes.length > 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
  try {
    if (enc.includes('br')) return brotliDecompressSync(bytes, opts);
    if (enc.includes('gzip') || gzipMagic) return gunzipSync(bytes, opts);
    if (zlibMagic) return inflateSync(bytes, opts);
    if (enc.includes('deflate')) return inflateRawSync(bytes, opts);
  } catch {
    // Not what it claimed to be (or a decompression bomb): search the bytes as sent.
  }
  return bytes;
}

/** One part of a multipart body. */
export interface MultipartPart {
  name: string;
  content: string;
}

/**
 * The parts of a `multipart/form-data` body, with the boundary from the content type or,
 * failing that, from the body's first line. `undefined` when the body is not multipart.
 */
export function multipartParts(text: string, contentType: string): MultipartPart[] | undefined {
  const declared = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const sniffed = /^--([^\r\n]{1,200})\r?\n[Cc]ontent-[Dd]isposition/.exec(text);
  const boundary = declared?.[1] ?? declared?.[2] ?? sniffed?.[1];
  if (boundary === undefined || !text.includes(`--${boundary}`)) return undefined;
  const parts: MultipartPart[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const body = chunk.replace(/^\r?\n/, '');
    const sep = /\r?\n\r?\n/.exec(body);
    if (!sep) continue;
    const head = body.slice(0, sep.index);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? `part${parts.length}`;
    parts.push({ name, content: body.slice(sep.index + sep[0].length).replace(/\r?\n$/, '') });
  }
  return parts;
}
