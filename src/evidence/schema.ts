import { z } from 'zod';
import { dataCategories, personaSchema } from '../persona/schema.js';
import { storageItemSchema, storedCookieSchema } from './stored-state.js';

/** Version of the `evidence.json` layout; bumped on any incompatible change. */
export const EVIDENCE_SCHEMA_VERSION = 1;

const isoUtc = z.iso.datetime({ offset: false });

/** What the scanner did, in order. Requests point at the action that preceded them. */
export const timelineActionSchema = z.strictObject({
  /** Position in the site's timeline, shared with requests' `afterAction`. */
  seq: z.number().int().nonnegative(),
  /** UTC, ISO-8601 with milliseconds. */
  at: isoUtc,
  type: z.enum(['navigate', 'consent', 'focus', 'type', 'blur', 'click', 'submit', 'idle', 'error']),
  pageUrl: z.string(),
  /** Form the action belongs to (`FormRecord.id`). */
  formId: z.string().optional(),
  /** CSS selector of the element acted on. */
  selector: z.string().optional(),
  /** Data category of the field typed into. */
  category: z.enum(dataCategories).optional(),
  /** Free detail: the URL navigated to, the button text, the error message. */
  detail: z.string().optional(),
  /** URL of the frame the element acted on is in, when it is not the top page (a form in an iframe). */
  frameUrl: z.string().optional(),
});
export type TimelineAction = z.infer<typeof timelineActionSchema>;

/** One outbound request (or WebSocket frame sent by the page), as the browser sent it. */
export const capturedRequestSchema = z.strictObject({
  /** Stable id within the site bundle (`r0001`…); findings cite it. */
  id: z.string(),
  /** UTC time the browser issued the request. */
  at: isoUtc,
  /** `http` for requests, `websocket` for frames the page sent on a WebSocket. */
  channel: z.enum(['http', 'websocket']),
  method: z.string(),
  url: z.string(),
  /** Playwright resource type: document, script, image, fetch, xhr, ping, websocket, … */
  resourceType: z.string(),
  /** Request headers as sent (names lower-case). */
  headers: z.record(z.string(), z.string()),
  /** Request body (or frame payload), base64. */
  bodyBase64: z.string().optional(),
  /** URL of the frame that issued it; absent for service workers. */
  frameUrl: z.string().optional(),
  /** URL of the top-level page it belongs to. */
  pageUrl: z.string().optional(),
  /** `seq` of the last timeline action before the request was issued. */
  afterAction: z.number().int().nonnegative().nullable(),
  /**
   * Whether a response arrived, or why not. `delivered: false` with a `failure` means the
   * browser saw no response; the request may still have reached its recipient (Chromium
   * reports many keepalive fetches and beacons as aborted after sending them).
   */
  outcome: z.strictObject({
    delivered: z.boolean(),
    status: z.number().int().optional(),
    failure: z.string().optional(),
    /** Set when pixel-audit itself answered the request (the site's own form in intercept mode). */
    interceptedBy: z.literal('pixel-audit').optional(),
  }),
  /** Index of the matching entry in `requests.har`, when one was found. */
  harIndex: z.number().int().nonnegative().optional(),
});
export type CapturedRequest = z.infer<typeof capturedRequestSchema>;

/** An input the crawler found in a form and what it decided it holds. */
export const fieldRecordSchema = z.strictObject({
  selector: z.string(),
  tag: z.string(),
  type: z.string(),
  name: z.string().optional(),
  label: z.string().optional(),
  autocomplete: z.string().optional(),
  /** Category the classifier chose; `null` when it could not tell (recorded, not skipped). */
  category: z.enum(dataCategories).nullable(),
  /** Persona field typed into it, when one was. */
  personaField: z.string().optional(),
  /** Why the field was left alone (`unknown`, `hidden`, `disabled`, …). */
  skipped: z.string().optional(),
  /** The element's `id` attribute. */
  id: z.string().optional(),
  placeholder: z.string().optional(),
  /** Whether the page marks the field as required (`required` or `aria-required`). */
  required: z.boolean().optional(),
  /**
   * What was put in: the exact text typed (synthetic persona data, adapted to the field's
   * `pattern`/`maxlength`, e.g. a 12-digit personnummer), the option chosen, or `checked`.
   * Detection can search for it when the site's format made it differ from the persona's.
   */
  value: z.string().optional(),
  /** Step of a multi-step form in which the field was filled (1 for the first). */
  step: z.number().int().positive().optional(),
});
export type FieldRecord = z.infer<typeof fieldRecordSchema>;

export const formRecordSchema = z.strictObject({
  /** `f1`, `f2`… within the site. */
  id: z.string(),
  pageUrl: z.string(),
  selector: z.string(),
  action: z.string().optional(),
  method: z.string().optional(),
  fields: z.array(fieldRecordSchema),
  submitSelector: z.string().optional(),
  /** What became of the submit: clicked and the site's request answered locally, clicked and sent, or not clicked. */
  submit: z.enum(['intercepted', 'sent', 'not-submitted', 'no-submit-control']),
  /** Bundle-relative path of the screenshot taken after filling, before submitting. */
  screenshot: z.string().optional(),
  error: z.string().optional(),
  /** URL of the frame the form is in, when it is not the top page (e.g. a booking widget's cross-origin iframe). */
  frameUrl: z.string().optional(),
  /** True when the form lives in an open shadow root (web components). */
  inShadowRoot: z.boolean().optional(),
  /** `form`: a `<form>` element; `formless`: inputs and a button grouped in a container without one. */
  kind: z.enum(['form', 'formless']).optional(),
  /** Steps of a multi-step form walked through by pressing its next button (1: a single page). */
  steps: z.number().int().positive().optional(),
});
export type FormRecord = z.infer<typeof formRecordSchema>;

/** Something a page did besides loading, and how the scan answered it; the scan goes on. */
export const pageEventSchema = z.strictObject({
  /** UTC. */
  at: isoUtc,
  /**
   * `dialog` (alert/confirm/prompt: alerts and confirms accepted, prompts dismissed),
   * `beforeunload` (accepted, so the crawl can leave), `popup` (a new tab or window: its
   * requests are captured, then it is closed), `download` (cancelled), `crash` (the renderer
   * died: a fresh tab continues), `load-timeout` (the load event never came: scanned as it
   * stood), `truncated` (more links, forms or fields than the scan takes from one page).
   */
  type: z.enum(['dialog', 'beforeunload', 'popup', 'download', 'crash', 'load-timeout', 'truncated']),
  detail: z.string().optional(),
});
export type PageEvent = z.infer<typeof pageEventSchema>;

export const pageRecordSchema = z.strictObject({
  url: z.string(),
  finalUrl: z.string().optional(),
  depth: z.number().int().nonnegative(),
  status: z.number().int().optional(),
  title: z.string().optional(),
  at: isoUtc,
  formIds: z.array(z.string()),
  screenshot: z.string().optional(),
  /** One line saying why the page could not be scanned. */
  error: z.string().optional(),
  /** How the crawler found the page: the start URL, a link on a page, or the site's sitemap. */
  source: z.enum(['start', 'link', 'sitemap']).optional(),
  /** What the page did to the visitor and how the scan handled it (dialogs, popups, downloads, crashes…). */
  events: z.array(pageEventSchema).optional(),
});
export type PageRecord = z.infer<typeof pageRecordSchema>;

export const consentRecordSchema = z.strictObject({
  /** What was asked for (`--consent`). */
  mode: z.enum(['none', 'accept', 'reject']),
  /** What the scan achieved: `none` (no choice made), `accepted`, `rejected`. */
  state: z.enum(['none', 'accepted', 'rejected']),
  bannerFound: z.boolean(),
  detail: z.string().optional(),
  screenshot: z.string().optional(),
  /** How the choice was made: an autoconsent rule that knows the banner, or the button-text fallback. */
  method: z.enum(['autoconsent', 'text']).optional(),
  /** Name of the autoconsent rule (the consent platform) that recognised the banner, e.g. `Onetrust`. */
  cmp: z.string().optional(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

/** A failure of one stage, kept as a value so that a dependent judgement says "could not assess". */
export const stageErrorSchema = z.strictObject({
  stage: z.string(),
  message: z.string(),
  at: isoUtc,
});
export type StageError = z.infer<typeof stageErrorSchema>;

/** One sitemap (or `robots.txt`) the crawler read to find pages. */
export const sitemapRecordSchema = z.strictObject({
  url: z.string(),
  status: z.number().int().optional(),
  /** Same-site page URLs it listed (after the cap). */
  urls: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type SitemapRecord = z.infer<typeof sitemapRecordSchema>;

/** `evidence.json`: everything the browser stages saw, enough for `analyze` to re-judge. */
export const evidenceSchema = z.strictObject({
  schemaVersion: z.literal(EVIDENCE_SCHEMA_VERSION),
  site: z.string(),
  startUrl: z.string(),
  startedAt: isoUtc,
  endedAt: isoUtc,
  userAgent: z.string(),
  persona: personaSchema,
  consent: consentRecordSchema,
  submitMode: z.enum(['never', 'intercept', 'always']),
  timeline: z.array(timelineActionSchema),
  pages: z.array(pageRecordSchema),
  forms: z.array(formRecordSchema),
  requests: z.array(capturedRequestSchema),
  errors: z.array(stageErrorSchema),
  /** `robots.txt` and sitemaps read (through the browser, so they are among `requests` too). */
  sitemaps: z.array(sitemapRecordSchema).optional(),
  /** The cookie jar at the end of each page and of the site (src/evidence/stored-state.ts). */
  cookieJar: z.array(storedCookieSchema).optional(),
  /** localStorage and sessionStorage of every frame, read at the same moments. */
  storage: z.array(storageItemSchema).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
