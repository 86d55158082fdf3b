import type { CapturedRequest, Evidence, TimelineAction } from '../evidence/schema.js';
import type { DataCategory, Persona } from '../persona/schema.js';
import { findInViews } from './find-views.js';
import { keyedMatches } from './keyed.js';
import { Matcher } from './matcher.js';
import { BODY, dirtyParts, HEAD } from './prefilter.js';
import { cookieJarPath, storagePath, storedViews } from './stored-views.js';
import type { Hit, Variant, View } from './types.js';
import { buildVariants } from './variants.js';
import { requestViews } from './views.js';

/** Options of {@link detectHits}. */
export interface DetectOptions {
  /** Search typed prefixes (keystroke leaks) too. Default true. */
  prefixes?: boolean;
  /**
   * A matcher already built over the persona's variants, to reuse across calls (building
   * one takes some milliseconds). `prefixes` is then ignored.
   */
  matcher?: Matcher;
  /** The scan's timeline: says which field was being typed when a request left (see {@link requestHits}). */
  timeline?: readonly TimelineAction[];
}

/** Options of {@link requestHits}. */
export interface RequestHitOptions {
  /** Category of the field being typed into when the request left, if one was. */
  typing?: DataCategory;
}

/** Proper ancestors of a view path: `a.b[0].c` → `a`, `a.b`, `a.b[0]`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) if (path[i] === '.' || path[i] === '[') out.push(path.slice(0, i));
  return out;
}

const URL_ENCODINGS = new Set(['url', 'url-plus']);

/**
 * Drops hits that another hit explains more precisely:
 * - one on a view whose descendant view has the same field (`query.dl` when
 *   `query.dl.query.email` has it);
 * - a URL-encoded match where a decoded reading of the same parameter held the plain value;
 * - a plain match whose text lies inside a longer match in the same parameter: the full
 *   e-mail over its typed prefix, a full name over the first and last names it contains.
 */
function withoutRedundant(hits: Hit[]): Hit[] {
  const key = (field: string, parameter: string): string => `${field}\u0000${parameter}`;
  const explained = new Set<string>();
  const chains = new Set<string>();
  const byParameter = new Map<string, Hit[]>();
  for (const h of hits) {
    for (const a of ancestors(h.parameter)) explained.add(key(h.field, a));
    chains.add(`${key(h.field, h.parameter)}\u0000${h.transform.join(',')}`);
    const group = byParameter.get(h.parameter) ?? [];
    group.push(h);
    byParameter.set(h.parameter, group);
  }
  const inside = (h: Hit): boolean => {
    const text = h.matched.toLowerCase();
    return byParameter.get(h.parameter)!.some((o) =>
      o.matched.length > h.matched.length && o.matched.toLowerCase().includes(text));
  };
  return hits.filter((h) => {
    if (explained.has(key(h.field, h.parameter))) return false;
    if (!h.hashed && inside(h)) return false;
    const last = h.transform[h.transform.length - 1]!;
    if (!URL_ENCODINGS.has(last)) return true;
    const decoded = h.transform.length === 1 ? ['raw'] : h.transform.slice(0, -1);
    return !chains.has(`${key(h.field, h.parameter)}\u0000${decoded.join(',')}`);
  });
}

/**
 * One text explained by two fields — the typed prefix `johanna` of the e-mail and the first
 * name `Johanna` — is the field being typed when the request left, when the timeline says so;
 * otherwise the whole value, not the prefix (and of two prefixes, the first field's in persona
 * order).
 */
function withoutAmbiguous(hits: Hit[], typing: DataCategory | undefined): Hit[] {
  const groups = new Map<string, Hit[]>();
  for (const h of hits) {
    const k = `${h.parameter}\u0000${h.matched.toLowerCase()}`;
    groups.set(k, [...(groups.get(k) ?? []), h]);
  }
  const dropped = new Set<Hit>();
  for (const group of groups.values()) {
    if (new Set(group.map((h) => h.field)).size < 2 || !group.some((h) => h.prefix)) continue;
    const typed = group.filter((h) => h.category === typing);
    const whole = group.filter((h) => !h.prefix);
    // Prefixes of two fields only (`Märta-` of the first and of the full name): the first field's.
    const keep = typed.length > 0 ? typed : whole.length > 0 ? whole : [group[0]!];
    for (const h of group) if (!keep.includes(h)) dropped.add(h);
  }
  return dropped.size === 0 ? hits : hits.filter((h) => !dropped.has(h));
}

/**
 * Hits of a matcher's variants in the views of one request (or stored value) `id`: one per
 * (parameter, field, transform chain), the most specific kept where several explain the same
 * data. A typed prefix counts only as a whole view: a keystroke leak sends the field's value as
 * it stands, while a prefix inside longer text is an ordinary word (`Stockholm` of `Stockholms
 * län`). Keyed variants count only as the whole value of a view whose key names them.
 */
export function viewHits(id: string, views: readonly View[], matcher: Matcher, options: RequestHitOptions = {}): Hit[] {
  // One scan over the views joined by NUL, which no variant contains: a match cannot span two
  // views, and small views cost no call each (a beacon has hundreds); find-views.ts skips chunks.
  const offsets = new Array<number>(views.length);
  let offset = 0;
  views.forEach((v, i) => {
    offsets[i] = offset;
    offset += v.text.length + 1;
  });
  const hits = new Map<string, Hit>();
  const add = (view: View, v: Variant, matched: string): void => {
    const k = `${view.path}\u0000${v.field}\u0000${v.transform.join(',')}`;
    if (hits.has(k)) return;
    hits.set(k, {
      requestId: id, parameter: view.path, field: v.field, category: v.category, transform: v.transform,
      hashed: v.hashed, prefix: v.prefix, matched,
    });
  };
  for (const { variant: v, start } of findInViews(views, offsets, matcher)) {
    if (v.probe === true) continue;
    const i = viewAt(offsets, start);
    const view = views[i]!;
    if (v.prefix && v.text.length !== view.text.length) continue;
    const at = start - offsets[i]!;
    add(view, v, view.text.slice(at, at + v.text.length));
  }
  // A keyed value adds nothing where the text search already found the field in that view.
  const found = new Set([...hits.values()].map((h) => `${h.parameter}\u0000${h.field}`));
  for (const view of views) {
    for (const v of keyedMatches(view, matcher.keyed)) if (!found.has(`${view.path}\u0000${v.field}`)) add(view, v, view.text);
  }
  return withoutAmbiguous(withoutRedundant([...hits.values()]), options.typing);
}

/**
 * Hits in one captured request (see {@link viewHits}). Requests the prefilter proves clean
 * (prefilter.ts) are not decoded into views at all, and of the others only the parts (URL and
 * headers, body) it could not prove clean.
 */
export function requestHits(req: CapturedRequest, matcher: Matcher, options: RequestHitOptions = {}): Hit[] {
  // Most requests hold nothing: prove it cheaply before decoding them into views.
  const dirty = dirtyParts(req, matcher);
  if (dirty === 0) return [];
  return viewHits(req.id, requestViews(req, { head: (dirty & HEAD) !== 0, body: (dirty & BODY) !== 0 }), matcher, options);
}

/** Index of the view holding a position of the joined text (binary search over offsets). */
function viewAt(offsets: number[], position: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Category of the field being typed into when a request left: its action was a focus, a keystroke or the blur. */
function typingCategory(req: CapturedRequest, bySeq: ReadonlyMap<number, TimelineAction>): DataCategory | undefined {
  const action = req.afterAction === null ? undefined : bySeq.get(req.afterAction);
  return action && (action.type === 'focus' || action.type === 'type' || action.type === 'blur') ? action.category : undefined;
}

/**
 * Finds the persona's values — raw, encoded, vendor-normalised, hashed, typed prefixes — in
 * the HTTP requests and WebSocket frames of a scan. Pure: reads the captured requests only.
 * Every host is searched; whether a recipient is a third party is decided later.
 */
export function detectHits(requests: readonly CapturedRequest[], persona: Persona, options: DetectOptions = {}): Hit[] {
  const matcher = options.matcher ?? new Matcher(buildVariants(persona, { prefixes: options.prefixes ?? true }));
  const bySeq = new Map((options.timeline ?? []).map((a) => [a.seq, a]));
  const hits: Hit[] = [];
  for (const req of requests) {
    if (req.channel !== 'http' && req.channel !== 'websocket') continue;
    hits.push(...requestHits(req, matcher, { typing: typingCategory(req, bySeq) }));
  }
  return hits;
}

/**
 * Detection over a whole bundle: its requests and WebSocket frames (with the timeline saying
 * which field was being typed), and what scripts stored in the browser — the cookie jar and
 * every frame's Web Storage — whose hits cite the cookie (`c0001`) or item (`s0001`) id.
 */
export function detectEvidence(evidence: Evidence, options: Omit<DetectOptions, 'timeline'> = {}): Hit[] {
  const matcher = options.matcher ?? new Matcher(buildVariants(evidence.persona, { prefixes: options.prefixes ?? true }));
  const hits = detectHits(evidence.requests, evidence.persona, { matcher, timeline: evidence.timeline });
  for (const cookie of evidence.cookieJar ?? []) hits.push(...viewHits(cookie.id, storedViews(cookieJarPath(cookie), cookie.value), matcher));
  for (const item of evidence.storage ?? []) hits.push(...viewHits(item.id, storedViews(storagePath(item), item.value), matcher));
  return hits;
}
