import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * Byte- and string-level decoders used to turn a request into views. Each one is total: on
 * input it cannot decode it returns `undefined` (or its input), never throws, because a
 * hostile or broken request must not stop detection of the others.
 */

/** Largest body (after decompression) searched, in bytes; beyond it a body is cut. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Base64 text (standard or URL-safe alphabet, optional padding) of at least 16 characters. */
const BASE64_BLOB = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const HEX_ONLY = /^[0-9a-fA-F]+$/;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

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

/**
 * The successive decodings of a URL-encoded value, raw first, without repeats: up to three
 * rounds of percent-decoding (trackers double-encode), the first also turning `+` into a
 * space when `plus` (form encoding). A `+` that was meant literally (`ines+tag@…` sent
 * unencoded) survives in a second chain that decodes percent signs only.
 */
export function decodeRounds(raw: string, plus: boolean): string[] {
  const forms = [raw];
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
  };
  if (plus && raw.includes('+')) {
    chain(percentDecode(raw.replace(/\+/g, ' ')));
    chain(percentDecode(raw));
  } else {
    chain(percentDecode(raw));
  }
  return forms;
}

/** Decoded text when `bytes` are valid UTF-8 and nearly all printable; else `undefined`. */
export function printableText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return text.length > 0 && bad <= text.length * 0.05 ? text : undefined;
}

/**
 * The text a base64/base64url blob stands for, when `s` is one (≥ 16 characters) and it
 * decodes to mostly printable UTF-8. Pure hex strings are skipped: ids and digests are hex,
 * and their base64 decoding is never text.
 */
export function decodeBase64Text(s: string, maxChars = MAX_BODY_BYTES): string | undefined {
  if (s.length < 16 || s.length > maxChars || !BASE64_BLOB.test(s) || HEX_ONLY.test(s)) return undefined;
  return printableText(Buffer.from(s, 'base64'));
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
