import { z } from 'zod';
import { EVIDENCE_SCHEMA_VERSION, type CapturedRequest, type Evidence } from '../evidence/schema.js';
import type { Persona } from '../persona/schema.js';

/*
 * Evidence from a HAR file someone else recorded (Chrome DevTools "Save all as HAR", a proxy,
 * another crawler), so `pixel-audit analyze <file.har> --persona p.json` can search it. A HAR
 * holds the requests but not what the visitor did between them: there is no timeline, no
 * consent state, no forms. The imported evidence says so — one `idle` action that every
 * request follows (so findings read `trigger: "unknown"`), consent `none`, and a stage error
 * `timeline` (so findings list it under `couldNotAssess`: before-submit cannot be told).
 */

const harHeaderSchema = z.object({ name: z.string(), value: z.string() });
const harEntrySchema = z.object({
  startedDateTime: z.string(),
  pageref: z.string().optional(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(harHeaderSchema).default([]),
    postData: z.object({
      mimeType: z.string().optional(),
      text: z.string().optional(),
      /** Not in HAR 1.2, but written by some tools for binary bodies. */
      encoding: z.string().optional(),
      params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
    }).optional(),
  }),
  response: z.object({ status: z.number() }).partial().optional(),
  /** Chrome DevTools' resource type and WebSocket messages (its own `_` extensions). */
  _resourceType: z.string().optional(),
  _webSocketMessages: z.array(z.object({ type: z.string(), time: z.number(), opcode: z.number().optional(), data: z.string() })).optional(),
});
/** The part of HAR 1.2 (`log.pages`, `log.entries`) the import reads; everything else is ignored. */
export const harFileSchema = z.object({
  log: z.object({
    pages: z.array(z.object({ id: z.string(), title: z.string().optional(), startedDateTime: z.string().optional() })).optional(),
    entries: z.array(harEntrySchema),
  }),
});
export type HarFile = z.infer<typeof harFileSchema>;
type HarEntry = HarFile['log']['entries'][number];

/** `2025-01-01T12:00:00.000Z` from any date HAR tools write (offsets, no milliseconds). */
const utc = (text: string | number): string => {
  const date = new Date(typeof text === 'number' ? text * 1000 : text);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
};

/** Request headers by lower-case name; repeated headers joined as HTTP joins them (`; ` for cookies). */
function headersOf(entry: HarEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of entry.request.headers) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}${key === 'cookie' ? '; ' : ', '}${value}`;
  }
  return out;
}

/** The body as sent: `postData.text`, or the form rebuilt from `postData.params` when a tool kept only those. */
function bodyOf(entry: HarEntry): string | undefined {
  const post = entry.request.postData;
  if (post === undefined) return undefined;
  if (post.text !== undefined && post.text.length > 0) {
    return post.encoding === 'base64' ? post.text : Buffer.from(post.text, 'utf8').toString('base64');
  }
  if (post.params && post.params.length > 0) {
    const form = post.params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value ?? '')}`).join('&');
    return Buffer.from(form, 'utf8').toString('base64');
  }
  return undefined;
}

/**
 * Turns a HAR into evidence for `persona`: one captured request per entry (`harIndex` its
 * position), and one `websocket` record per message the page sent on a WebSocket entry.
 */
export function evidenceFromHar(har: HarFile, persona: Persona, source: string): Evidence {
  const { entries } = har.log;
  const pageUrl = new Map((har.log.pages ?? []).map((p) => [p.id, p.title]));
  const firstDocument = entries.find((e) => e._resourceType === 'document') ?? entries[0];
  const startUrl = firstDocument?.request.url ?? 'about:blank';
  const times = entries.map((e) => utc(e.startedDateTime)).sort();
  const startedAt = times[0] ?? new Date(0).toISOString();
  const requests: CapturedRequest[] = [];
  const id = (): string => `r${String(requests.length + 1).padStart(4, '0')}`;
  entries.forEach((entry, harIndex) => {
    const headers = headersOf(entry);
    const page = entry.pageref !== undefined ? pageUrl.get(entry.pageref) : undefined;
    const common = { afterAction: 0, ...(page && /^https?:/.test(page) ? { pageUrl: page } : {}) };
    const status = entry.response?.status;
    requests.push({
      id: id(), at: utc(entry.startedDateTime), channel: 'http', method: entry.request.method, url: entry.request.url,
      resourceType: entry._resourceType ?? 'other', headers, bodyBase64: bodyOf(entry), ...common,
      outcome: status !== undefined && status > 0 ? { delivered: true, status } : { delivered: false, failure: 'no response in the HAR' },
      harIndex,
    });
    for (const message of entry._webSocketMessages ?? []) {
      if (message.type !== 'send') continue;
      const bytes = message.opcode === 2 ? Buffer.from(message.data, 'base64') : Buffer.from(message.data, 'utf8');
      requests.push({
        id: id(), at: utc(message.time), channel: 'websocket', method: 'WS', url: entry.request.url, resourceType: 'websocket',
        headers: {}, bodyBase64: bytes.toString('base64'), ...common, outcome: { delivered: true },
      });
    }
  });
  let site = 'about:blank';
  try {
    site = new URL(startUrl).origin;
  } catch {
    // A HAR without a usable first URL still gets searched.
  }
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    site,
    startUrl,
    startedAt,
    endedAt: times.at(-1) ?? startedAt,
    userAgent: firstDocument ? headersOf(firstDocument)['user-agent'] ?? 'unknown' : 'unknown',
    persona,
    consent: { mode: 'none', state: 'none', bannerFound: false, detail: `imported from ${source}: consent not recorded` },
    submitMode: 'never',
    timeline: [{ seq: 0, at: startedAt, type: 'idle', pageUrl: startUrl, detail: `imported from ${source}: what the visitor did is not recorded` }],
    pages: [],
    forms: [],
    requests,
    errors: [{ stage: 'timeline', message: `imported from ${source}: no action timeline, so triggers and before-submit cannot be told`, at: startedAt }],
  };
}
