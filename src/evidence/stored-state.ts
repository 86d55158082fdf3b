import { z } from 'zod';

/*
 * What scripts left in the browser: the cookie jar and the Web Storage of every frame, read at
 * the end of each page (before its tab navigates away or closes) and of the site. A tracker that
 * keeps a typed value there — a cookie written by script, with no Set-Cookie on the wire, or a
 * localStorage item in its own iframe — has stored personal data on the visitor's device, and
 * will read it back later. Values are kept as read; each distinct value once, first sighting.
 */

const isoUtc = z.iso.datetime({ offset: false });

/** Longest value kept; longer ones are cut (`truncated`) so a session recorder's blob cannot swell the bundle. */
export const MAX_STORED_VALUE_CHARS = 256 * 1024;

/** One cookie of the browser context's jar. */
export const storedCookieSchema = z.strictObject({
  /** Stable within the bundle (`c0001`…); findings cite it. */
  id: z.string(),
  /** UTC time the value was first read. */
  at: isoUtc,
  name: z.string(),
  value: z.string(),
  /** Domain as the jar records it (a leading dot: valid for subdomains too). Findings attribute the cookie to it. */
  domain: z.string(),
  path: z.string(),
  /** Unix time in seconds; -1 for a session cookie. */
  expires: z.number(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.enum(['Strict', 'Lax', 'None']),
  /** Top-level site of a partitioned (CHIPS) cookie. */
  partitionKey: z.string().optional(),
  /** `seq` of the last timeline action before the value was read. */
  afterAction: z.number().int().nonnegative().nullable(),
  truncated: z.boolean().optional(),
});
export type StoredCookie = z.infer<typeof storedCookieSchema>;

/** One `localStorage` or `sessionStorage` item, read inside the frame that owns it. */
export const storageItemSchema = z.strictObject({
  /** Stable within the bundle (`s0001`…); findings cite it. */
  id: z.string(),
  /** UTC time the value was first read. */
  at: isoUtc,
  /** Origin of the frame (`https://sync.tracker.example`): whose storage it is, and who a finding names. */
  origin: z.string(),
  area: z.enum(['local', 'session']),
  key: z.string(),
  value: z.string(),
  /** URL of the frame it was read in, and of its top-level page (third-party storage is partitioned by it). */
  frameUrl: z.string().optional(),
  pageUrl: z.string().optional(),
  /** `seq` of the last timeline action before the value was read. */
  afterAction: z.number().int().nonnegative().nullable(),
  truncated: z.boolean().optional(),
});
export type StorageItem = z.infer<typeof storageItemSchema>;
