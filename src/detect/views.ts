import type { CapturedRequest } from '../evidence/schema.js';
import {
  bodyBytes, decodeBase64Text, decodeRounds, decompress, multipartParts, percentDecode,
} from './decode.js';
import { decodeLzString, decodeLzUtf16 } from './lz-string.js';
import type { View } from './types.js';

/**
 * Decoding a request into views. Paths name where a value sat, the way findings cite it:
 * `url.host`, `url.path`, `url.path[0]` (non-empty segments, from 0), `query.<name>`,
 * `fragment`, `body.form.<name>`, `body.json.a.b[0].c`, `body.multipart.<name>`, `body.b64`,
 * `body.text`, `cookie.<name>`, `header.referer`, `header.referer.query.<name>`,
 * `header.<name>`; nested decodings append `.json.…`, `.b64`, `.lz` (LZ-string), `.form.<name>`,
 * `.query.<name>`, and `.<key>` for each key of a Google `tv.1~key.value~…` string.
 * Newline-separated batches share their body's paths (a line index would make the same leak
 * look new whenever it moves to another line).
 */

/** Decoding layers below a request part (base64 → JSON → …); deeper content stays text. */
export const MAX_DEPTH = 3;
/** Views per request; past it, the URL and body are still searched whole (`url`, `body.text`). */
export const MAX_VIEWS = 10_000;
/** Characters of view text per request, against nested decodings multiplying a body. */
export const MAX_VIEW_CHARS = 64 * 1024 * 1024;
/** Longest text handed to `JSON.parse` or the base64 decoder. */
const MAX_PARSE_CHARS = 8 * 1024 * 1024;
const MAX_NAME_CHARS = 200;

/** Headers that carry no typed data (or only the browser's own): not searched. */
const QUIET_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-language', 'cache-control', 'connection', 'content-length',
  'content-type', 'content-encoding', 'dnt', 'host', 'origin', 'pragma', 'priority', 'te',
  'upgrade-insecure-requests', 'user-agent', 'x-client-data', 'if-none-match', 'if-modified-since',
]);

/** Whether a request header is left unsearched (the browser's own, no typed data). */
export function isQuietHeader(name: string): boolean {
  return QUIET_HEADERS.has(name) || name.startsWith('sec-') || name.startsWith(':');
}

/** Collects views within the per-request limits. */
export class ViewSink {
  readonly views: View[] = [];
  private chars = 0;
  /** Set once a limit refused a view. */
  truncated = false;

  push(path: string, text: string): void {
    if (text.length === 0) return;
    if (this.views.length >= MAX_VIEWS || this.chars + text.length > MAX_VIEW_CHARS) {
      this.truncated = true;
      return;
    }
    this.chars += text.length;
    this.views.push({ path, text });
  }

  /** Adds a view past the limits: the last resort that keeps a body searchable at all. */
  force(path: string, text: string): void {
    this.views.push({ path, text });
  }
}

const clip = (name: string): string => (name.length > MAX_NAME_CHARS ? name.slice(0, MAX_NAME_CHARS) : name);

/** `name=value` pairs of a query string or form body, names decoded, values raw. */
function pairs(text: string, separator: RegExp = /&/): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of text.split(separator)) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const spaced = name.includes('+') ? name.replace(/\+/g, ' ') : name;
    out.push([clip(percentDecode(spaced).trim()), eq < 0 ? '' : part.slice(eq + 1)]);
  }
  return out;
}

/** Looks like `a=1&b=2` (a form body or a query string without its `?`). */
const FORM_LIKE = /^[\w.[\]%$-]+=[^\n]*$/;
const URL_LIKE = /^(?:https?|wss?):\/\//i;

/** Emits each name=value pair of a query string under `prefix`. */
function expandPairs(prefix: string, text: string, depth: number, sink: ViewSink): void {
  for (const [name, value] of pairs(text)) {
    // A bare `?token` is searched too: the name is then the only content.
    expandText(`${prefix}.${name}`, value.length > 0 ? value : name, depth, sink, true);
  }
}

/**
 * Emits a value's views: every percent-decoding round, then whatever structure the decoded
 * text holds (JSON, base64, a form, a URL), one layer deeper.
 */
export function expandText(path: string, raw: string, depth: number, sink: ViewSink, plus = false): void {
  const { forms, ends } = raw.includes('%') || (plus && raw.includes('+')) ? decodeRounds(raw, plus) : { forms: [raw], ends: [raw] };
  for (const form of forms) sink.push(path, form);
  if (depth >= MAX_DEPTH) return;
  // A URL is split on its own encoding; anything else is parsed fully decoded (in both
  // readings of `+`: a space, or standard base64 sent unencoded).
  if (URL_LIKE.test(raw)) structured(path, raw, depth, sink);
  else for (const end of ends) structured(path, end, depth, sink);
}

/**
 * Emits the children of `text` (itself `depth` layers deep) when it is JSON, base64 of text,
 * a form or a URL with a query. Returns true when the children hold all of `text` (so the
 * caller need not search it whole).
 */
function structured(path: string, text: string, depth: number, sink: ViewSink): boolean {
  // Cheap tests on the first character and length before any regex or parse: this runs on
  // every leaf of every request.
  if (text.length < 2) return false;
  const t = text.trim();
  const inner = depth + 1;
  const first = t.charCodeAt(0);
  if ((first === 0x7b || first === 0x5b) && t.length <= MAX_PARSE_CHARS) {
    try {
      walkJson(`${path}.json`, JSON.parse(t) as unknown, inner, sink);
      return true;
    } catch {
      // Not JSON after all (a JS object literal, a truncated batch): searched as text.
    }
  }
  if (t.startsWith('tv.1~')) {
    // Google's user-data string: each `key.value` a parameter of its own (`em.pc0`).
    for (const part of t.slice(5).split('~')) {
      const dot = part.indexOf('.');
      if (dot > 0) expandText(`${path}.${clip(part.slice(0, dot))}`, part.slice(dot + 1), inner, sink);
    }
    return true;
  }
  const decoded = decodeBase64Text(t, MAX_PARSE_CHARS);
  if (decoded !== undefined) {
    expandText(`${path}.b64`, decoded, inner, sink);
    return true;
  }
  const unpacked = t.length <= MAX_PARSE_CHARS ? decodeLzString(t) ?? decodeLzUtf16(text) : undefined;
  if (unpacked !== undefined) {
    expandText(`${path}.lz`, unpacked, inner, sink);
    return true;
  }
  if (((first | 0x20) === 0x68 || (first | 0x20) === 0x77) && URL_LIKE.test(t)) {
    try {
      const url = new URL(t);
      if (url.search.length > 1) expandPairs(`${path}.query`, url.search.slice(1), inner, sink);
    } catch {
      // An unparsable URL is still searched whole by the caller.
    }
    return false;
  }
  if (t.indexOf('=') > 0 && FORM_LIKE.test(t)) {
    expandPairs(`${path}.form`, t, inner, sink);
    return true;
  }
  return false;
}

/** JSON nesting followed; deeper leaves are left to the whole-text fallback. */
const MAX_JSON_NESTING = 256;

/** Emits every string and number leaf of a parsed JSON value, paths built as it descends. */
function walkJson(path: string, v: unknown, depth: number, sink: ViewSink, nesting = 0): void {
  if (typeof v === 'string') expandText(path, v, depth, sink);
  else if (typeof v === 'number') sink.push(path, String(v));
  else if (v === null || typeof v !== 'object') return;
  else if (nesting >= MAX_JSON_NESTING) sink.truncated = true;
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walkJson(`${path}[${i}]`, v[i], depth, sink, nesting + 1);
  else for (const key in v) walkJson(`${path}.${clip(key)}`, (v as Record<string, unknown>)[key], depth, sink, nesting + 1);
}

function urlViews(rawUrl: string, sink: ViewSink): void {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    sink.push('url', rawUrl);
    return;
  }
  sink.push('url.host', url.hostname);
  for (const form of decodeRounds(url.pathname, false).forms) sink.push('url.path', form);
  url.pathname.split('/').filter((s) => s.length > 0)
    .forEach((segment, i) => expandText(`url.path[${i}]`, segment, 1, sink));
  if (url.search.length > 1) expandPairs('query', url.search.slice(1), 1, sink);
  if (url.hash.length > 1) expandText('fragment', url.hash.slice(1), 1, sink);
}

function headerViews(headers: Record<string, string>, sink: ViewSink): void {
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name === 'cookie') {
      for (const [cookie, v] of pairs(value, /;\s*/)) expandText(`cookie.${cookie}`, v, 1, sink);
    } else if (name === 'referer') {
      for (const form of decodeRounds(value, false).forms) sink.push('header.referer', form);
      try {
        const url = new URL(value);
        if (url.search.length > 1) expandPairs('header.referer.query', url.search.slice(1), 1, sink);
      } catch {
        // Searched whole above.
      }
    } else if (!isQuietHeader(name)) {
      expandText(`header.${clip(name)}`, value, 1, sink);
    }
  }
}

/** Emits the body's views; returns its decoded text (undefined without a body). */
function bodyViews(req: CapturedRequest, sink: ViewSink): string | undefined {
  if (req.bodyBase64 === undefined || req.bodyBase64.length === 0) return undefined;
  const header = (name: string): string | undefined =>
    Object.entries(req.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const text = decompress(bodyBytes(req.bodyBase64), header('content-encoding')).toString('utf8');
  const parts = multipartParts(text, header('content-type') ?? '');
  let whole: boolean;
  if (parts !== undefined) {
    for (const part of parts) expandText(`body.multipart.${clip(part.name)}`, part.content, 1, sink);
    whole = true;
  } else {
    whole = structured('body', text, 0, sink);
    if (!whole && text.includes('\n')) {
      // A batch: each line parsed alone; one unparsed line makes the whole body searched as text.
      whole = true;
      for (const line of text.split(/\r?\n/)) {
        if (line.trim().length > 0 && !structured('body', line, 0, sink)) whole = false;
      }
    }
  }
  if (!whole) sink.push('body.text', text);
  return text;
}

/** Which parts of a request {@link requestViews} decodes (default: all). */
export interface RequestParts {
  /** The URL and the headers. */
  head?: boolean;
  body?: boolean;
}

/**
 * Decodes a captured request into searchable views: URL parts, query parameters (percent-
 * decoded repeatedly, raw kept), fragment, request headers (cookies and Referer split up),
 * and the body (decompressed; form, JSON, multipart, base64, newline batches, else text).
 * Bounded in depth ({@link MAX_DEPTH}), count and size, so hostile requests cannot blow up.
 */
export function requestViews(req: CapturedRequest, parts: RequestParts = {}): View[] {
  const sink = new ViewSink();
  const head = parts.head !== false;
  if (head) {
    urlViews(req.url, sink);
    headerViews(req.headers, sink);
  }
  const body = parts.body === false ? undefined : bodyViews(req, sink);
  if (sink.truncated) {
    // A limit dropped views: still search the parts whole, if less precisely named.
    if (head) sink.force('url', req.url);
    if (body !== undefined) sink.force('body.text', body);
  }
  return sink.views;
}
